"""Holds and checkout in a real browser: the countdown to held_until on the checkout page and in the
hold bar on other pages, and what the buyer is told when the hold is over: the time ran out on the
page, the server answers 410 HOLD_EXPIRED, a card is declined (402; the server releases the
places), or the hold was cancelled elsewhere (409) — each in words, each with a way to hold the
same places again, which ends in tickets after a declined card."""
import calendar
import re
import time

from selenium.webdriver.support.ui import Select

from browser_support import BrowserTest, api, demo_organizer_token, new_buyer, seated_event

# A device whose clock runs 2.9 s slow: the page trusts its own clock when it is within 3 s of the
# server's Date header (api.js, noteServerClock), so it believes a hold has 2.9 s more than it has.
SLOW_CLOCK = """
(function () { var real = Date.now; Date.now = function () { return real.call(Date) - 2900; }; })();
"""
SLOW_BY = 2.9

CHECKOUT = """
var form = document.querySelector('.checkout form');
if (!form) return null;
var fill = form.querySelector('.bar > div');
var gone = form.querySelector('.hold-gone');
return {timer: form.querySelector('.timer').textContent, bar: parseFloat(fill.style.width),
        pay: form.querySelector('button[type=submit]').textContent, payEnabled: !form.querySelector('button[type=submit]').disabled,
        payShown: form.querySelector('button[type=submit]').getClientRects().length > 0,
        cardEnabled: !form.querySelector('#card').disabled,
        gone: gone ? gone.innerText.split('\\n').filter(function (l) { return l.trim(); }).join('\\n') : null, goneRole: gone ? gone.getAttribute('role') : null,
        error: form.querySelector('.form-error') ? form.querySelector('.form-error').textContent : null,
        focused: document.activeElement ? document.activeElement.textContent : null};
"""

HOLD_BAR = """
var bar = document.getElementById('holdbar');
return {hidden: bar.classList.contains('hidden'), text: bar.innerText, left: (bar.querySelector('[data-left]') || {}).textContent || null,
        role: bar.getAttribute('role'), link: (bar.querySelector('a') || {}).getAttribute ? bar.querySelector('a').getAttribute('href') : null};
"""


def seconds(clock):
    """ "1:05" -> 65."""
    minutes, secs = clock.split(":")
    return int(minutes) * 60 + int(secs)


def epoch(iso):
    return calendar.timegm(time.strptime(iso, "%Y-%m-%dT%H:%M:%SZ"))


def seat_named(seats, row, number):
    return [s for s in seats if s["row"] == row and s["number"] == number][0]


def seat_status(event_id, seat_id):
    status, seat_map = api("GET", "/events/%s/seats" % event_id)
    return [s for sec in seat_map["sections"] for s in sec["seats"] if s["seat_id"] == seat_id][0]["status"]


class CheckoutTests(BrowserTest):
    def checkout(self, driver):
        return driver.execute_script(CHECKOUT)

    def hold_bar(self, driver):
        return driver.execute_script(HOLD_BAR)

    def hold_on_the_page(self, driver, event_id, seat):
        """Picks the seat on the event page and holds it; returns the reservation id at checkout."""
        self.open_section(driver, event_id, "Stalls")
        self.click_seat(driver, seat["seat_id"])
        self.click_on(driver, ".summary button.btn.big", "Hold 1 seat")
        self.wait_for(lambda: "#/checkout/" in driver.current_url, message="the checkout page")
        self.element(driver, ".checkout form button[type=submit]")
        return driver.current_url.split("#/checkout/")[1]

    def assert_fits(self, driver, what):
        width, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        self.assertLessEqual(width, inner, "%s is %d px wide in a %d px window" % (what, width, inner))

    def pay(self, driver, card):
        Select(driver.find_element("id", "card")).select_by_value(card)
        self.click_on(driver, ".checkout form button[type=submit]")

    # ----- the countdown, and a hold that lapses -----

    def test_the_checkout_and_the_hold_bar_count_down_to_held_until_and_a_lapsed_hold_says_so(self):
        self.each_size(self.count_down_and_lapse)

    def count_down_and_lapse(self, size):
        event_id, seats = seated_event(token=demo_organizer_token(), hold_duration_minutes=1)

        # Buyer B, on a device whose clock is 2.9 s slow, holds A2 first (over the API).
        late = self.browser(size)
        late.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": SLOW_CLOCK})
        _, _, session_b = new_buyer("Late Payer")
        status, held_b = api("POST", "/reservations", {"event_id": event_id, "seat_ids": [seat_named(seats, "A", 2)["seat_id"]]},
                             token=session_b["token"])
        self.assertEqual(status, 201, held_b)
        self.sign_in(late, session_b)
        self.open(late, "#/checkout/" + held_b["reservation_id"])
        self.element(late, ".checkout form button[type=submit]", "Pay $45.00")

        # Buyer A holds A1 on the page: the checkout counts down from a minute.
        driver = self.browser(size)
        _, _, session_a = new_buyer("Prompt Payer")
        self.sign_in(driver, session_a)
        reservation_id = self.hold_on_the_page(driver, event_id, seat_named(seats, "A", 1))
        status, held = api("GET", "/reservations/" + reservation_id, token=session_a["token"])
        self.assertEqual((status, held["status"]), (200, "HELD"), held)
        deadline = epoch(held["held_until"])
        self.assertEqual(driver.find_element("css selector", ".checkout .timer").get_attribute("role"), "timer")

        first = self.checkout(driver)
        expected = deadline - time.time()
        self.assertRegex(first["timer"], r"^(1:00|0:[0-5]\d)$")
        self.assertLessEqual(abs(seconds(first["timer"]) - expected), 1.5,
                             "the page shows %s; held_until is %.1f s away" % (first["timer"], expected))
        time.sleep(2.2)   # the point: time passes, the countdown follows it
        later = self.checkout(driver)
        self.assertIn(seconds(first["timer"]) - seconds(later["timer"]), (2, 3), (first, later))
        self.assertLess(later["bar"], first["bar"], "the bar shrinks with the time left")
        self.assertTrue(later["payEnabled"])

        # On another page the hold bar counts down to the same held_until, and leads back.
        self.click_on(driver, "header nav a[data-nav=tickets]")
        bar = self.wait_for(lambda: (lambda b: b if not b["hidden"] and b["left"] else None)(self.hold_bar(driver)), message="the hold bar")
        self.assertEqual(bar["role"], "status")
        self.assert_fits(driver, "a page with the hold bar")
        self.assertRegex(bar["text"], r"^You have tickets on hold — 0:[0-5]\d left to pay\.\s*Complete purchase$")
        self.assertLessEqual(abs(seconds(bar["left"]) - (deadline - time.time())), 1.5, bar)
        start = seconds(bar["left"])
        self.wait_for(lambda: seconds(self.hold_bar(driver)["left"]) <= start - 2, timeout=4, message="the hold bar to count down")
        self.assertEqual(bar["link"], "#/checkout/" + reservation_id)
        self.click_on(driver, "#holdbar a", "Complete purchase")
        self.wait_for(lambda: driver.current_url.endswith("#/checkout/" + reservation_id), message="back at checkout")
        self.wait_for(lambda: self.hold_bar(driver)["hidden"], message="no hold bar over its own checkout")

        # B presses Pay 1.2 s after held_until (their page still shows time left): the server
        # answers 410 HOLD_EXPIRED and the page says what happened.
        self.allow_console(r"/confirm - Failed to load resource: the server responded with a status of 410")
        time.sleep(max(0, epoch(held_b["held_until"]) + 1.2 - time.time()))   # the point: the hold lapses
        before = self.checkout(late)
        # (the timer is redrawn each second, so it may be up to a second behind)
        self.assertTrue(before["payEnabled"] and before["timer"] in ("0:01", "0:02", "0:03"), before)
        self.pay(late, "pm_card_visa")
        after = self.wait_for(lambda: (lambda c: c if c and c["gone"] else None)(self.checkout(late)), message="B's hold-expired message")
        self.assertEqual(after["gone"].split("\n")[:2], [
            "Hold expired", "Your hold ran out before the payment went through, so the seat was released. Nothing was charged."])
        self.assertIn("Hold the same seat again", after["gone"])
        self.assertIn("Choose other tickets", after["gone"])
        self.assertEqual(after["goneRole"], "alert")
        self.assertEqual(after["timer"], "—")
        self.assertFalse(after["payEnabled"] or after["payShown"] or after["cardEnabled"], "no Pay, no card choice: %s" % after)
        self.assertEqual(after["focused"], "Hold the same seat again", "the focus moves to the way on")
        self.assert_fits(late, "the hold-expired message")
        status, lapsed = api("POST", "/reservations/%s/confirm" % held_b["reservation_id"], {"payment_method_id": "pm_card_visa"},
                             token=session_b["token"])
        self.assertEqual((status, lapsed["error"]), (410, "HOLD_EXPIRED"), lapsed)

        # A's own page runs out: 0:00, no Pay, the message, and the hold bar is gone.
        done = self.wait_for(lambda: (lambda c: c if c and c["gone"] else None)(self.checkout(driver)), timeout=max(5, deadline + 3 - time.time()),
                             message="A's countdown to run out")
        self.assertGreaterEqual(time.time(), deadline - 1, "the page's hold ended at held_until, not before")
        self.assertEqual(done["timer"], "0:00")
        self.assertEqual(done["bar"], 0)
        self.assertFalse(done["payEnabled"] or done["payShown"] or done["cardEnabled"], "no Pay, no card choice: %s" % done)
        self.assertEqual(done["gone"].split("\n")[:2], [
            "Hold expired", "Your time to pay has run out, so the seat was released. Nothing was charged."])
        self.assertTrue(self.hold_bar(driver)["hidden"])
        self.assert_fits(driver, "the lapsed checkout")
        self.wait_for(lambda: api("GET", "/reservations/" + reservation_id, token=session_a["token"])[1]["status"] == "EXPIRED",
                      timeout=15, interval=0.5, message="the server to expire the hold (its sweeper)")

        # Hold the same seat again: a new hold with a full minute.
        self.click_on(driver, ".hold-gone button", "Hold the same seat again")
        self.wait_for(lambda: "#/checkout/" in driver.current_url and not driver.current_url.endswith(reservation_id),
                      message="the new hold's checkout")
        self.assertRegex(self.flash_text(driver), r"Held again: you have until .+ to pay\. Choose a card and press Pay\.")
        self.assertIn("Stalls · Row A, Seat 1", self.element(driver, "table.lines").text)
        self.assertRegex(self.checkout(driver)["timer"], r"^(1:00|0:5\d)$")

    # ----- a declined card, then a good one -----

    def test_a_declined_card_says_so_and_the_buyer_holds_the_seat_again_and_pays_with_a_good_card(self):
        self.each_size(self.decline_then_pay)

    def decline_then_pay(self, size):
        event_id, seats = seated_event(token=demo_organizer_token())
        seat = seat_named(seats, "B", 7)
        driver = self.browser(size)
        _, _, session = new_buyer("Dee Clined")
        self.sign_in(driver, session)
        first_id = self.hold_on_the_page(driver, event_id, seat)

        self.allow_console(r"/confirm - Failed to load resource: the server responded with a status of 402")
        self.pay(driver, "pm_card_chargeDeclined")
        gone = self.wait_for(lambda: (lambda c: c if c and c["gone"] else None)(self.checkout(driver)), message="the declined message")
        self.assertEqual(gone["gone"].split("\n")[:2], [
            "Payment declined",
            "Your card was declined. Nothing was charged to Visa ending 0002. The seat was released when the card was declined: "
            "hold it again to pay with another card."])
        self.assertEqual(gone["goneRole"], "alert")
        self.assertFalse(gone["payEnabled"] or gone["payShown"] or gone["cardEnabled"], "no Pay, no card choice: %s" % gone)
        self.assertEqual(gone["timer"], "—")
        self.assertEqual(gone["focused"], "Hold the same seat again")
        self.assert_fits(driver, "the declined message")
        # What the page says is what the server did: the hold is cancelled, the seat free again.
        status, first = api("GET", "/reservations/" + first_id, token=session["token"])
        self.assertEqual(first["status"], "CANCELLED")
        self.assertEqual(seat_status(event_id, seat["seat_id"]), "AVAILABLE")
        self.assertTrue(self.hold_bar(driver)["hidden"], "no hold bar for a hold that is gone")

        # Hold it again and pay with a card that works: tickets.
        self.click_on(driver, ".hold-gone button", "Hold the same seat again")
        self.wait_for(lambda: "#/checkout/" in driver.current_url and not driver.current_url.endswith(first_id), message="the new checkout")
        self.assertIn("Stalls · Row B, Seat 7", self.element(driver, "table.lines").text)
        self.assertEqual(seat_status(event_id, seat["seat_id"]), "HELD")
        self.assertIsNone(self.checkout(driver)["gone"])
        self.pay(driver, "pm_card_visa")
        ticket = self.wait_for(lambda: driver.find_elements("css selector", "article.ticket"), timeout=15, message="the ticket")[0]
        self.assertIn("Payment received", self.flash_text(driver))
        facts = dict(zip([e.text for e in ticket.find_elements("css selector", "dt")],
                         [e.text for e in ticket.find_elements("css selector", "dd")]))
        self.assertEqual((facts["Section"], facts["Seat"], facts["Holder"]), ("Stalls", "B7", "Dee Clined"))
        self.assertEqual(seat_status(event_id, seat["seat_id"]), "SOLD")
        self.assert_fits(driver, "the tickets")

    # ----- cancelled elsewhere, and the seat taken meanwhile -----

    def test_a_hold_cancelled_elsewhere_says_so_and_a_seat_taken_meanwhile_is_named(self):
        self.each_size(self.cancelled_then_taken)

    def cancelled_then_taken(self, size):
        event_id, seats = seated_event(token=demo_organizer_token())
        seat = seat_named(seats, "A", 3)
        driver = self.browser(size)
        _, _, session = new_buyer("Two Windows")
        self.sign_in(driver, session)
        reservation_id = self.hold_on_the_page(driver, event_id, seat)

        # The buyer releases the hold in another window (here: over the API), then presses Pay here.
        status, cancelled = api("DELETE", "/reservations/" + reservation_id, token=session["token"])
        self.assertEqual((status, cancelled["status"]), (200, "CANCELLED"), cancelled)
        self.allow_console(r"/confirm - Failed to load resource: the server responded with a status of 409")
        self.pay(driver, "pm_card_visa")
        gone = self.wait_for(lambda: (lambda c: c if c and c["gone"] else None)(self.checkout(driver)), message="the cancelled message")
        self.assertEqual(gone["gone"].split("\n")[:2], [
            "Reservation cancelled",
            "This reservation was cancelled (perhaps in another window) and its seat released, so it can no longer be paid. Nothing was charged."])
        self.assertFalse(gone["payEnabled"] or gone["payShown"], "no Pay: %s" % gone)

        # Someone else takes the seat; holding it again is refused and the page names the seat.
        status, other = api("POST", "/reservations", {"event_id": event_id, "seat_ids": [seat["seat_id"]]}, token=new_buyer()[2]["token"])
        self.assertEqual(status, 201, other)
        self.allow_console(r"/api/v1/reservations - Failed to load resource: the server responded with a status of 409")
        self.click_on(driver, ".hold-gone button", "Hold the same seat again")
        note = self.wait_for(lambda: driver.find_element("css selector", ".hold-gone [role=status]").text, message="the seat-taken note")
        self.assertEqual(note, "Sorry, Row A, Seat 3 was taken by someone else after the hold ended. Choose other tickets on the event page.")
        self.assertEqual(driver.find_elements("css selector", ".hold-gone button"), [], "no second try at a seat that is gone")
        self.assert_fits(driver, "the seat-taken note")
        self.assertTrue(driver.current_url.endswith("#/checkout/" + reservation_id))
        self.click_on(driver, ".hold-gone a", "Choose other tickets")
        self.wait_for(lambda: driver.current_url.endswith("#/event/" + event_id), message="the event page")
        self.wait_for(lambda: "h" in self.seat_classes(driver, seat["seat_id"]), message="A3 shown on hold on the map")
