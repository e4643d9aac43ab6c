"""The organizer's desk (/organizer/) in a real browser, at the desktop and the phone size:
an organizer signs in and opens an event of their own; the counts move on the open desk
while a buyer holds, pays and is checked in (no reload); the waiting room's admission rate
is changed from the page; door staff are added and switched off; settings are saved, and
the server's validation message is shown. With BOXOFFICE_SCREENSHOTS=1 it also saves the
desk (its event list and one event) into docs/screenshots/."""
import time
import uuid

from browser_support import BrowserTest, BASE, api, iso, login, new_buyer, organizer_token

ORGANIZER = ("organizer@browser.test", "browser-organizer")
# Chromium logs a refused request (the answers these tests ask for) as a SEVERE network entry.
REFUSED = r"/api/v1/%s - Failed to load resource: the server responded with a status of %d"


def desk_event(token, **fields):
    """An event of the tests' organizer, on sale now: Stalls (seated, rows A and B of 5 seats,
    $45) and Floor (standing, 20 places, $20). It starts in a month, before the other tests'
    events (2031), so it is on the first page of the organizer's events (start order)."""
    body = {
        "title": "Desk Night %s" % uuid.uuid4().hex[:6], "artist": "The Counters", "category": "concert",
        "venue": {"name": "Desk Hall", "city": "Springfield"}, "starts_at": iso(30 * 86400),
        "sections": [
            {"name": "Stalls", "kind": "seated", "price_cents": 4500, "rows": [{"label": "A", "seats": 5}, {"label": "B", "seats": 5}]},
            {"name": "Floor", "kind": "general_admission", "price_cents": 2000, "capacity": 20}]}
    body.update(fields)
    status, event = api("POST", "/events", body, token=token)
    assert status == 201, event
    return event


def hold(token, body):
    """A buyer's hold over the API (seats or a quantity); returns the reservation."""
    status, reservation = api("POST", "/reservations", body, token=token)
    assert status == 201, reservation
    return reservation


class OrganizerDeskTests(BrowserTest):
    # ----- the desk -----

    def open_desk(self, driver, hash_path="#/"):
        driver.get(BASE + "/organizer/" + hash_path)
        self.wait_for(lambda: driver.execute_script(
            "return document.readyState === 'complete' && document.getElementById('view').children.length > 0"),
            message="the desk to start")

    def sign_in_through_the_page(self, driver):
        """Opens the desk signed out, follows its sign-in link, signs in on the shop's form and
        comes back to the desk."""
        self.open_desk(driver)
        self.wait_for(lambda: "You are not signed in" in driver.find_element("id", "view").text, message="the desk asking to sign in")
        self.click_on(driver, "#view a.btn", "Sign in to the organizer desk")
        self.wait_for(lambda: driver.current_url == BASE + "/#/signin", message="the sign-in form")
        self.element(driver, "#f-email").send_keys(ORGANIZER[0])
        driver.find_element("id", "f-password").send_keys(ORGANIZER[1])
        driver.find_element("css selector", "form button[type=submit]").click()
        self.wait_for(lambda: driver.current_url in (BASE + "/organizer/", BASE + "/organizer/#/"), message="the way back to the desk")
        self.wait_for(lambda: "Signed in as" in driver.find_element("id", "account").text, message="the account box")
        self.element(driver, "#view h1", "Organizer desk")

    def sign_in_with_session(self, driver, email, password):
        session = login(email, password)
        session["email"] = email
        self.sign_in(driver, session)   # on the shop's page, as its sign-in form leaves it
        return session

    def total(self, driver, key):
        return driver.find_element("css selector", '[data-tile="%s"]' % key).text

    def totals(self, driver):
        return driver.execute_script(
            "var o = {}; document.querySelectorAll('[data-tile]').forEach(function (e) { o[e.getAttribute('data-tile')] = e.textContent; }); return o;")

    def section(self, driver, name):
        """One section's row of the counts, as {column: text}."""
        return driver.execute_script(
            "var row = document.querySelector('tr[data-section=\"' + arguments[0] + '\"]'); if (!row) return null;"
            "var o = {}; row.querySelectorAll('[data-col]').forEach(function (e) { o[e.getAttribute('data-col')] = e.textContent; }); return o;", name)

    def wait_totals(self, driver, expected, message):
        """Waits until the totals shown include `expected` (key -> text); returns them all."""
        def seen():
            shown = self.totals(driver)
            return shown if all(shown.get(k) == v for k, v in expected.items()) else None
        return self.wait_for(seen, timeout=8, message="%s (%s)" % (message, expected))

    def chart_points(self, driver, name):
        return driver.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll('[data-chart=\"' + arguments[0] + '\"] svg circle.pt'),"
            " function (c) { return {count: Number(c.getAttribute('data-count')), total: Number(c.getAttribute('data-total'))}; });", name)

    def assert_fits(self, driver, what):
        width, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        self.assertLessEqual(width, inner, "%s is %d px wide in a %d px window" % (what, width, inner))

    def open_event_from_the_list(self, driver, event):
        card = self.element(driver, '.desk-card[data-event-id="%s"]' % event["event_id"])
        self.assertIn(event["title"], card.text)
        self.assertIn("0 of 30 sold", card.text)
        self.assertEqual(card.find_element("css selector", ".badge").get_attribute("textContent"), "On sale")
        self.assertIn("Desk Hall, Springfield", card.text)
        self.assertNotIn("Hamlet", driver.find_element("id", "view").text, "only the organizer's own events are listed")
        self.assert_fits(driver, "the desk's event list")
        self.screenshot(driver, "desk-events")
        self.click_on(driver, '.desk-card[data-event-id="%s"]' % event["event_id"])
        self.wait_for(lambda: driver.current_url.endswith("/organizer/#/event/" + event["event_id"]), message="the event's desk")
        self.element(driver, "#view h1", event["title"])

    # ----- the tests -----

    def test_the_counts_move_on_the_open_desk_while_a_buyer_holds_pays_and_is_checked_in(self):
        self.each_size(self.counts_move)

    def counts_move(self, size):
        event = desk_event(organizer_token())
        event_id = event["event_id"]
        stalls, floor = (s["section_id"] for s in event["sections"])
        driver = self.browser(size)
        self.sign_in_through_the_page(driver)
        self.open_event_from_the_list(driver, event)

        shown = self.wait_totals(driver, {"sold": "0"}, "the first counts")
        self.assertEqual(shown, {"sold": "0", "held": "0", "available": "30", "checked_in": "0", "orders_confirmed": "0",
                                 "gross": "$0.00", "refunds": "$0.00", "net": "$0.00"})
        self.assertEqual(self.section(driver, "Stalls"), {"name": "Stalls · seated", "price": "$45.00", "capacity": "10", "sold": "0",
                                                          "held": "0", "available": "10", "checked_in": "0", "revenue": "$0.00"})
        self.assertEqual(self.section(driver, "Floor")["capacity"], "20")
        self.assertEqual(self.chart_points(driver, "sold"), [])
        self.assertIn("No tickets sold yet.", self.element(driver, '[data-chart="sold"] svg desc').get_attribute("textContent"))
        self.assertIn("This event has no waiting room", driver.find_element("id", "queue").text)
        self.wait_for(lambda: driver.find_element("css selector", ".desk-live").get_attribute("data-live") == "live", message="the live state")
        self.assertIn("Live · updated", driver.find_element("css selector", ".desk-live").text)
        driver.execute_script("window.deskMark = 'the same page'")   # gone if the page reloads

        # A buyer holds two Stalls seats and three Floor places: on hold, on the open desk.
        buyer = new_buyer("Desk Buyer")[2]["token"]
        status, seat_map = api("GET", "/events/%s/seats?status=AVAILABLE" % event_id)
        seats = [seat["seat_id"] for seat in seat_map["sections"][0]["seats"][:2]]
        seated = hold(buyer, {"event_id": event_id, "seat_ids": seats})
        standing = hold(buyer, {"event_id": event_id, "section_id": floor, "quantity": 3})
        shown = self.wait_totals(driver, {"held": "5"}, "the holds on the desk")
        self.assertEqual((shown["sold"], shown["available"], shown["gross"]), ("0", "25", "$0.00"))
        self.assertEqual((self.section(driver, "Stalls")["held"], self.section(driver, "Stalls")["available"]), ("2", "8"))
        self.assertEqual((self.section(driver, "Floor")["held"], self.section(driver, "Floor")["available"]), ("3", "17"))

        # The buyer pays for both: sold and revenue go up, on hold goes down.
        tickets = []
        for reservation in (seated, standing):
            status, paid = api("POST", "/reservations/%s/confirm" % reservation["reservation_id"], {"payment_method_id": "pm_card_visa"}, token=buyer)
            self.assertEqual(status, 200, paid)
            tickets += paid["tickets"]
        shown = self.wait_totals(driver, {"sold": "5", "held": "0"}, "the sale on the desk")
        self.assertEqual(shown, {"sold": "5", "held": "0", "available": "25", "checked_in": "0", "orders_confirmed": "2",
                                 "gross": "$150.00", "refunds": "$0.00", "net": "$150.00"})
        self.assertEqual((self.section(driver, "Stalls")["sold"], self.section(driver, "Stalls")["revenue"]), ("2", "$90.00"))
        self.assertEqual((self.section(driver, "Floor")["sold"], self.section(driver, "Floor")["revenue"]), ("3", "$60.00"))
        sold_points = self.chart_points(driver, "sold")
        self.assertEqual(sum(p["count"] for p in sold_points), 5, sold_points)
        self.assertEqual(sold_points[-1]["total"], 5, sold_points)
        self.assertEqual(self.chart_points(driver, "checked_in"), [])

        # The organizer checks a Stalls ticket in at the door: checked in goes up, the check-in chart has its point.
        stalls_ticket = next(t for t in tickets if t.get("seat"))
        status, checked = api("POST", "/checkin", {"qr_code": stalls_ticket["qr_code"], "event_id": event_id}, token=organizer_token())
        self.assertEqual((status, checked.get("result")), (200, "VALID"), checked)
        self.wait_totals(driver, {"checked_in": "1"}, "the check-in on the desk")
        self.assertEqual(self.section(driver, "Stalls")["checked_in"], "1")
        self.assertEqual(self.section(driver, "Floor")["checked_in"], "0")
        self.wait_for(lambda: self.chart_points(driver, "checked_in") == [{"count": 1, "total": 1}], message="the check-in chart's point")
        chart = driver.find_element("css selector", '[data-chart="checked_in"]')
        self.assertIn("1 ticket checked in in total", chart.find_element("css selector", "svg desc").get_attribute("textContent"))
        self.assertEqual(chart.find_element("css selector", "svg").get_attribute("role"), "img")
        rows = [[td.get_attribute("textContent") for td in tr.find_elements("css selector", "td")][1:]
                for tr in chart.find_elements("css selector", "details tbody tr")]
        self.assertEqual(rows, [["1", "1"]], "the numbers: one interval, 1 in it, 1 in total")
        self.assertEqual(driver.execute_script("return window.deskMark"), "the same page", "the desk never reloaded")
        self.assert_fits(driver, "the event's desk")
        self.screenshot(driver, "desk-event")

    def test_the_waiting_room_admission_rate_is_changed_from_the_desk(self):
        self.each_size(self.change_rate)

    def change_rate(self, size):
        self.allow_console(REFUSED % ("events/[0-9a-f-]+", 422))
        token = organizer_token()
        event = desk_event(token, sale_starts_at=iso(3600),
                           queue={"enabled": True, "opens_at": iso(-60), "admit_per_minute": 100})
        event_id = event["event_id"]
        for _ in range(2):   # two buyers wait for the sale in an hour
            status, place = api("POST", "/events/%s/queue" % event_id, token=new_buyer()[2]["token"])
            self.assertEqual((status, place.get("state")), (200, "waiting"), place)
        driver = self.browser(size)
        self.sign_in_with_session(driver, *ORGANIZER)
        self.open_desk(driver, "#/event/" + event_id)   # a link straight to the event's desk

        def stats():
            return driver.execute_script(
                "var o = {}; document.querySelectorAll('[data-queue-stat]').forEach(function (e) { o[e.getAttribute('data-queue-stat')] = e.textContent; }); return o;")
        self.wait_for(lambda: stats() == {"joined": "2", "admitted": "0", "waiting": "2", "admit_per_minute": "100"}, message="the waiting room's numbers")
        room = driver.find_element("id", "queue")
        self.assertIn("Admission starts", room.text)
        self.assertIn("100 buyers a minute", room.text)
        self.assert_fits(driver, "the waiting room")

        def set_rate(value):
            box = self.element(driver, "#f-rate")
            box.clear()
            box.send_keys(value)
            self.click_on(driver, ".rate-form button[type=submit]", "Change rate")

        set_rate("250")
        self.element(driver, ".rate-form .form-ok", "✓ Admission rate set to 250 buyers a minute.")
        self.wait_for(lambda: stats().get("admit_per_minute") == "250", message="the new rate on the page")
        status, answer = api("GET", "/events/" + event_id)
        self.assertEqual((answer["queue"]["enabled"], answer["queue"]["admit_per_minute"]), (True, 250))
        status, dashboard = api("GET", "/events/%s/dashboard" % event_id, token=token)
        self.assertEqual((dashboard["queue"]["admit_per_minute"], dashboard["queue"]["waiting"]), (250, 2))
        self.assertIn("250 buyers a minute", driver.find_element("id", "queue").text)

        set_rate("0")   # pause
        self.element(driver, ".rate-form .form-ok", "✓ Admission paused.")
        self.wait_for(lambda: stats().get("admit_per_minute") == "0"
                      and driver.find_element("css selector", "[data-queue]").get_attribute("data-queue") == "paused",
                      message="admission shown paused")
        self.assertIn("Admission paused", driver.find_element("id", "queue").text)
        self.assertEqual(api("GET", "/events/" + event_id)[1]["queue"]["admit_per_minute"], 0)

        set_rate("-5")   # the server's message, as it says it
        error = self.element(driver, ".rate-form .form-error")
        self.assertEqual(error.text, "Not saved: queue.admit_per_minute must be between 0 (admission paused) and 1000000")
        self.assertEqual(driver.find_element("id", "f-rate").get_attribute("aria-invalid"), "true")
        self.assertEqual(api("GET", "/events/" + event_id)[1]["queue"]["admit_per_minute"], 0)

    def test_door_staff_are_added_and_switched_off_from_the_desk(self):
        self.each_size(self.manage_staff)

    def manage_staff(self, size):
        self.allow_console(REFUSED % ("staff", 409))
        token = organizer_token()
        event = desk_event(token)
        driver = self.browser(size)
        self.sign_in_with_session(driver, *ORGANIZER)
        self.open_desk(driver, "#/event/" + event["event_id"])
        self.element(driver, "#staff h2", "Door staff")

        email = "door-%s@browser.test" % uuid.uuid4().hex[:10]
        self.element(driver, "#f-staff-name").send_keys("Dora Door")
        driver.find_element("id", "f-staff-email").send_keys(email)
        driver.find_element("id", "f-staff-password").send_keys("door-pass-123")
        self.click_on(driver, ".staff-form button[type=submit]", "Add scanner account")
        self.element(driver, ".staff-form .form-ok", "✓ Dora Door (%s) can now sign in to the door scanner." % email)
        row = self.element(driver, '.staff li[data-staff-email="%s"]' % email)
        self.assertIn("Dora Door", row.text)
        self.assertEqual(row.find_element("css selector", "[data-staff-state]").text, "ACTIVE")   # badges are upper case
        self.assertEqual(driver.find_element("id", "f-staff-email").get_attribute("value"), "", "the form is cleared")

        # The API lists the account, a scanner of this organizer, and it signs in.
        status, listed = api("GET", "/staff", token=token)
        mine = [m for m in listed["staff"] if m["email"] == email]
        self.assertEqual(len(mine), 1, listed)
        self.assertEqual((mine[0]["name"], mine[0]["role"], mine[0]["disabled_at"]), ("Dora Door", "scanner", None))
        door = login(email, "door-pass-123")
        self.assertEqual(door["role"], "scanner")

        # The same email again: the server's answer, shown as it says it.
        driver.find_element("id", "f-staff-name").send_keys("Dora Again")
        driver.find_element("id", "f-staff-email").send_keys(email)
        driver.find_element("id", "f-staff-password").send_keys("door-pass-123")
        self.click_on(driver, ".staff-form button[type=submit]", "Add scanner account")
        self.element(driver, ".staff-form .form-error", "Not saved: An account with this email already exists")
        self.assertEqual(driver.find_element("id", "f-staff-email").get_attribute("aria-invalid"), "true")

        # Switched off from the page (after a confirmation): the API says so and it no longer signs in.
        self.click_on(driver, '.staff li[data-staff-email="%s"] button' % email, "Switch off")
        self.click_on(driver, '.staff li[data-staff-email="%s"] button' % email, "Yes, switch off")
        self.wait_for(lambda: driver.find_element("css selector", '.staff li[data-staff-email="%s"] [data-staff-state]' % email).text == "SWITCHED OFF",
                      message="the account shown switched off")
        status, listed = api("GET", "/staff", token=token)
        self.assertIsNotNone(next(m for m in listed["staff"] if m["email"] == email)["disabled_at"])
        status, refused = api("POST", "/auth/login", {"email": email, "password": "door-pass-123"})
        self.assertEqual((status, refused.get("error")), (401, "INVALID_CREDENTIALS"), refused)
        status, refused = api("GET", "/me/tickets", token=door["token"])   # the token it had before
        self.assertEqual((status, refused.get("error")), (401, "ACCOUNT_DISABLED"), refused)
        self.assert_fits(driver, "the door staff")

    def test_settings_are_saved_and_the_servers_validation_message_is_shown(self):
        self.each_size(self.change_settings)

    def change_settings(self, size):
        self.allow_console(REFUSED % ("events/[0-9a-f-]+", 422))
        event = desk_event(organizer_token())
        event_id = event["event_id"]
        driver = self.browser(size)
        self.sign_in_with_session(driver, *ORGANIZER)
        self.open_desk(driver, "#/event/" + event_id)
        hold_box = self.element(driver, "#f-hold")
        self.assertEqual((hold_box.get_attribute("value"), driver.find_element("id", "f-max").get_attribute("value")), ("10", "8"))

        hold_box.clear()
        hold_box.send_keys("20")
        self.click_on(driver, ".settings-form button[type=submit]", "Save settings")
        error = self.element(driver, ".settings-form .form-error")
        self.assertEqual(error.text, "Not saved: hold_duration_minutes must be between 1 and 15")
        self.assertEqual(hold_box.get_attribute("aria-invalid"), "true")
        self.assertEqual(api("GET", "/events/" + event_id)[1]["hold_duration_minutes"], 10)

        hold_box.clear()
        hold_box.send_keys("5")
        max_box = driver.find_element("id", "f-max")
        max_box.clear()
        max_box.send_keys("4")
        self.click_on(driver, ".settings-form button[type=submit]", "Save settings")
        self.element(driver, ".settings-form .form-ok", "✓ Settings saved: hold duration, most tickets a buyer may have.")
        status, saved = api("GET", "/events/" + event_id)
        self.assertEqual((saved["hold_duration_minutes"], saved["max_tickets_per_user"]), (5, 4))
        self.assertIsNone(hold_box.get_attribute("aria-invalid"))
        self.assert_fits(driver, "the settings")

    def test_the_desk_says_plainly_who_may_use_it_and_the_header_links_to_it(self):
        self.each_size(self.who_may_use_it)

    def who_may_use_it(self, size):
        driver = self.browser(size)
        self.open_desk(driver)
        gate = self.element(driver, ".desk-gate")
        self.assertIn("You are not signed in.", gate.text)
        self.assertEqual(gate.find_element("css selector", "a.btn").get_attribute("href"), BASE + "/#/signin")
        self.assertEqual(driver.find_elements("css selector", "header nav [data-staff-link]"), [])

        # A buyer is told the desk is for organizers, and sees no staff links.
        email, password, session = new_buyer("Casual Buyer")
        self.sign_in(driver, session)
        self.assertEqual(driver.find_elements("css selector", "header nav [data-staff-link]"), [])
        self.open_desk(driver)
        self.assertIn("The organizer desk is for organizers.", self.element(driver, ".desk-gate").text)

        # On the shop, the demo's door scanner sees the scanner link only; an organizer sees both.
        driver.get(BASE + "/#/")
        for account, links in ((("scanner@boxoffice.test", "scanner-demo-pass"), ["Door scanner"]),
                               (ORGANIZER, ["Organizer desk", "Door scanner"])):
            self.sign_in_with_session(driver, *account)
            self.assertEqual([a.text for a in driver.find_elements("css selector", "header nav [data-staff-link]")], links)
        self.assert_fits(driver, "the shop's header with the staff links")
        self.click_on(driver, "header nav [data-staff-link]", "Organizer desk")
        self.wait_for(lambda: driver.current_url == BASE + "/organizer/", message="the desk from the header")
        self.element(driver, "#view h1", "Organizer desk")
        link = driver.find_element("css selector", 'header nav [data-staff-link="/organizer/"]')
        self.assertEqual(link.get_attribute("aria-current"), "page")

        # Signing out on the desk says so there.
        self.click_on(driver, "#account button", "Sign out")
        self.wait_for(lambda: "You are not signed in." in driver.find_element("id", "view").text, message="the desk signed out")
        self.assertIn("You have signed out.", self.flash_text(driver))
        self.assert_fits(driver, "the desk signed out")

    def test_polling_pauses_while_the_page_is_hidden_and_stops_when_leaving_the_event(self):
        event = desk_event(organizer_token())
        driver = self.browser("desktop")
        self.sign_in_with_session(driver, *ORGANIZER)
        self.open_desk(driver, "#/event/" + event["event_id"])
        reads = "return performance.getEntriesByType('resource').filter(function (e) { return e.name.indexOf('/dashboard') >= 0; }).length"
        driver.execute_script("performance.setResourceTimingBufferSize(100000)")
        self.wait_for(lambda: driver.find_element("css selector", ".desk-live").get_attribute("data-live") == "live", message="the live desk")
        first = driver.execute_script(reads)
        self.wait_for(lambda: driver.execute_script(reads) >= first + 2, timeout=6, message="two more reads, 2 s apart")

        # Hidden (another tab in front): no reads until it is visible again.
        driver.execute_script("Object.defineProperty(document, 'hidden', {configurable: true, get: function () { return true; }});"
                              "document.dispatchEvent(new Event('visibilitychange'))")
        self.assertEqual(driver.find_element("css selector", ".desk-live").text, "Paused while this page is hidden")
        time.sleep(0.5)   # a read already under way may still land
        paused = driver.execute_script(reads)
        time.sleep(3)     # longer than the 2 s poll: nothing may happen meanwhile
        self.assertEqual(driver.execute_script(reads), paused, "the desk read the dashboard while hidden")
        driver.execute_script("delete document.hidden; document.dispatchEvent(new Event('visibilitychange'))")
        self.wait_for(lambda: driver.execute_script(reads) > paused, timeout=3, message="reading again once visible")
        self.wait_for(lambda: driver.find_element("css selector", ".desk-live").get_attribute("data-live") == "live", message="live again")

        # Back to the list: the event's polling stops.
        self.click_on(driver, "a.back", "← All your events")
        self.element(driver, ".desk-card")
        time.sleep(0.5)
        left = driver.execute_script(reads)
        time.sleep(3)
        self.assertEqual(driver.execute_script(reads), left, "the desk kept reading the dashboard after leaving the event")
