"""The waiting room on the event page, in a real browser: a signed-in buyer joins the queue, sees
their place, the people ahead and an estimated wait, is kept up to date by the server's pushed
updates (no reload, no polling), and when admitted is taken straight to the seat map, where
they can hold a seat. A buyer behind others sees the number ahead of them fall as the
organizer's admission rate lets people in."""
import calendar
import time

from browser_support import BrowserTest, api, demo_organizer_token, iso, new_buyer, seated_event

# What the waiting room's box shows: its headline and its figures (dt -> dd).
QUEUE_BOX = """
var box = document.querySelector('section.card.queue');
if (!box || box.classList.contains('hidden')) return null;
var stats = {};
box.querySelectorAll('.qstats > div').forEach(function (d) {
  stats[d.querySelector('dt').textContent] = d.querySelector('dd').textContent;
});
var timer = box.querySelector('.qtimer');
return {state: box.className.replace('card queue', '').trim(), headline: box.querySelector('.headline').textContent,
        stats: stats, text: box.innerText, timer: timer ? timer.textContent : null};
"""

# Records, every 5 ms, each new value of the box's "People ahead of you" and the moment (Date.now())
# the box says the buyer is admitted; marks the window so that a reload would show.
RECORD_QUEUE = """
window.__boNotReloaded = true;
window.__boAhead = [];
window.__boAdmittedAt = null;
var timer = setInterval(function () {
  var box = document.querySelector('section.card.queue');
  if (!box) return;
  box.querySelectorAll('.qstats > div').forEach(function (d) {
    if (d.querySelector('dt').textContent !== 'People ahead of you') return;
    var v = d.querySelector('dd').textContent;
    if (window.__boAhead[window.__boAhead.length - 1] !== v) window.__boAhead.push(v);
  });
  if (box.classList.contains('admitted')) { window.__boAdmittedAt = Date.now(); clearInterval(timer); }
}, 5);
"""

# The status polls the page made (the fallback when the stream fails): none while the stream works.
STATUS_POLLS = """
return performance.getEntriesByType('resource').filter(function (e) { return /\\/queue\\/status/.test(e.name); }).length;
"""

# Where the seat map is on screen, and whether keyboard focus is in it.
MAP_IN_VIEW = """
var map = document.querySelector('.seatmap');
if (!map) return null;
var r = map.getBoundingClientRect();
return {top: r.top, bottom: r.bottom, height: window.innerHeight, scrollY: window.scrollY,
        focusInMap: map.contains(document.activeElement), role: document.activeElement.getAttribute('role')};
"""


def queue_event(**queue):
    """A seated event (one section, rows A and B) with a waiting room; extra event fields as
    `event_fields`."""
    fields = queue.pop("event_fields", {})
    body = {"enabled": True}
    body.update(queue)
    return seated_event(token=demo_organizer_token(), queue=body, **fields)


def join_over_api(event_id):
    """Another buyer joins the queue; returns their QueueStatus."""
    status, joined = api("POST", "/events/%s/queue" % event_id, token=new_buyer("Queue Neighbour")[2]["token"])
    assert status in (200, 201), (status, joined)
    return joined


class WaitingRoomTests(BrowserTest):
    def queue_box(self, driver):
        return driver.execute_script(QUEUE_BOX)

    def wait_queue(self, driver, predicate, message, timeout=10):
        return self.wait_for(lambda: (lambda box: box if box and predicate(box) else None)(self.queue_box(driver)),
                             timeout=timeout, message=message)

    def assert_fits(self, driver, what):
        width, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        self.assertLessEqual(width, inner, "%s is %d px wide in a %d px window" % (what, width, inner))

    def settled_map(self, driver):
        """Where the seat map is once the page has stopped scrolling, if it is all on screen and
        has the focus; else None."""
        first = driver.execute_script(MAP_IN_VIEW)
        time.sleep(0.15)   # the page scrolls smoothly: it has settled when it no longer moves
        second = driver.execute_script(MAP_IN_VIEW)
        if not first or not second or first["scrollY"] != second["scrollY"]:
            return None
        return second if second["focusInMap"] and 0 <= second["top"] and second["bottom"] <= second["height"] else None

    def join(self, driver):
        self.wait_queue(driver, lambda b: b["state"] == "idle", "the waiting room's join button")
        self.assertIn("To keep things fair, this event sells through a virtual waiting room.", self.queue_box(driver)["text"])
        self.click_on(driver, "section.card.queue button.btn.big", "Join the queue")

    # ----- 1. admission at the sale start -----

    def test_a_buyer_waits_for_the_sale_start_is_admitted_by_a_pushed_update_and_goes_straight_to_the_seat_map(self):
        self.each_size(self.admitted_at_the_sale_start)

    def admitted_at_the_sale_start(self, size):
        driver = self.browser(size)
        self.sign_in(driver, new_buyer("Quinn Queue")[2])
        # The sale (and the admission) starts in 9 s; two other buyers are already waiting.
        event_id, seats = queue_event(admit_per_minute=600, admit_interval_seconds=1,
                                      event_fields={"sale_starts_at": iso(9)})
        status, event = api("GET", "/events/" + event_id)
        self.assertEqual(event["status"], "SCHEDULED", event)
        admission_starts = event["queue"]["admission_starts_at"]
        for _ in range(2):
            self.assertEqual(join_over_api(event_id)["state"], "waiting")
        seat = [s for s in seats if s["row"] == "B" and s["number"] == 5][0]

        self.open(driver, "#/event/" + event_id)
        self.wait_for(lambda: driver.find_elements("css selector", ".seatmap [data-id]"), message="the seat map")
        self.assertIn("Tickets go on sale", self.element(driver, "#view .alert.warn").text)

        # Before their turn a buyer may look at the map but not pick: the page says why.
        element = self.seat(driver, seat["seat_id"])
        driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", element)
        element.click()
        self.wait_for(lambda: "This event uses a waiting room: join the queue above — you can pick and hold seats when it’s your turn."
                      in self.flash_text(driver), message="the waiting-room message")
        self.assertNotIn("sel", self.seat_classes(driver, seat["seat_id"]))
        self.assertFalse(self.hold_button(driver).is_enabled(), "no hold before the waiting room lets the buyer in")

        # Joining: the buyer's (estimated, until the draw) place, who is ahead and the wait.
        self.join(driver)
        box = self.wait_queue(driver, lambda b: b["state"] == "waiting", "the buyer in the queue")
        driver.execute_script(RECORD_QUEUE)
        self.assertEqual(set(box["stats"]), {"Your place (estimated)", "People ahead of you", "Estimated wait", "People in the queue"})
        # Until the draw at the sale start the place is the server's estimate, any of the three.
        place = box["stats"]["Your place (estimated)"]
        self.assertIn(place, ("1", "2", "3"))
        self.assertEqual(box["stats"]["People ahead of you"], str(int(place) - 1))
        self.assertEqual(box["stats"]["People in the queue"], "3")
        self.assertEqual(box["stats"]["Estimated wait"], "Under a minute")
        self.assertEqual(box["headline"], "You’re in the queue — your estimated place is %s." % place,
                         "an estimate, even at the front: nobody is let in before the sale starts")
        self.assertIn("Your place is an estimate until the random draw when the sale starts", box["text"])
        self.wait_queue(driver, lambda b: "Keep this page open — it updates by itself. Live updates are on." in b["text"],
                        "the page to say updates are pushed")
        self.assert_fits(driver, "the waiting room")
        self.assertEqual(driver.find_element("id", "queue-status").get_attribute("role"), "status",
                         "the headline is announced as it changes")

        # The sale starts: everyone waiting fits in the first batch. The page hears it pushed.
        self.wait_queue(driver, lambda b: b["state"] == "admitted", "the buyer admitted", timeout=20)
        admitted_at = self.wait_for(lambda: driver.execute_script("return window.__boAdmittedAt"), message="the admission time")
        lag = admitted_at / 1000.0 - calendar.timegm(time.strptime(admission_starts, "%Y-%m-%dT%H:%M:%SZ"))
        print("\n%s: admitted on the page %.1f s after the admission started" % (size, lag), flush=True)
        self.assertLess(lag, 3.0, "the admission reached the page %.1f s after it started" % lag)
        self.assertTrue(driver.execute_script("return window.__boNotReloaded === true"), "the page was not reloaded")
        self.assertEqual(driver.execute_script(STATUS_POLLS), 0, "updates came over the stream, not polls")

        box = self.queue_box(driver)
        self.assertRegex(box["headline"], r"^It’s your turn — you have until .+ to choose seats\.$")
        self.assertRegex(box["timer"], r"^(10:00|9:[0-5]\d) left$")
        self.assert_fits(driver, "the admitted waiting room")
        self.assertIn("It’s your turn", self.flash_text(driver))

        # Taken straight to the seat map: once the page stops scrolling the whole map is on
        # screen, and the keyboard focus is on its seat that takes the focus (its one tab stop).
        where = self.wait_for(lambda: self.settled_map(driver), message="the seat map brought into view and focused")
        self.assertGreater(where["scrollY"], 0, "the page scrolled down to the map")
        self.assertEqual(where["role"], "gridcell", where)
        # The sale has started: the page no longer says it has not.
        self.wait_for(lambda: not [e for e in driver.find_elements("css selector", "#view .alert.warn")
                                   if "Tickets go on sale" in e.text], message="the not-on-sale notice gone")

        # Now the buyer picks and holds.
        self.click_seat(driver, seat["seat_id"])
        self.wait_for(lambda: self.hold_button(driver).is_enabled(), message="Hold enabled")
        self.assertEqual(self.hold_button(driver).text, "Hold 1 seat")
        self.assertNotIn("join the queue above", self.element(driver, ".summary").text)
        self.click_on(driver, ".summary button.btn.big", "Hold 1 seat")
        self.wait_for(lambda: "#/checkout/" in driver.current_url, message="the checkout page")
        self.assertIn("Stalls · Row B, Seat 5", self.element(driver, "table.lines").text)
        status, held = api("GET", "/events/%s/seats" % event_id)
        held_seat = [s for sec in held["sections"] for s in sec["seats"] if s["seat_id"] == seat["seat_id"]][0]
        self.assertEqual(held_seat["status"], "HELD")

    # ----- 2. paused, then admitting at the organizer's rate -----

    def test_a_buyer_behind_others_sees_the_number_ahead_fall_as_the_organizer_raises_the_rate(self):
        self.each_size(self.ahead_falls_with_the_rate)

    def ahead_falls_with_the_rate(self, size):
        organizer = demo_organizer_token()
        event_id, _ = queue_event(admit_per_minute=0, admit_interval_seconds=2)
        for place in (1, 2, 3):
            joined = join_over_api(event_id)
            self.assertEqual((joined["state"], joined["position"], joined["admission_paused"]), ("waiting", place, True), joined)

        driver = self.browser(size)
        self.sign_in(driver, new_buyer("Fourth Inline")[2])
        self.open(driver, "#/event/" + event_id)
        self.join(driver)

        # Paused: the buyer keeps their place and is told why nothing moves.
        box = self.wait_queue(driver, lambda b: b["state"] == "waiting", "the buyer in the queue")
        driver.execute_script(RECORD_QUEUE)
        self.assertEqual(box["headline"], "The organizer has paused admission for now — you keep your place (4).")
        self.assertEqual(box["stats"], {"Your place": "4", "People ahead of you": "3", "Estimated wait": "Paused",
                                        "People in the queue": "4"})
        self.wait_queue(driver, lambda b: "Live updates are on." in b["text"], "the page to say updates are pushed")
        self.assert_fits(driver, "the paused waiting room")

        # The organizer lets one buyer in every 2 s.
        status, changed = api("PATCH", "/events/" + event_id, {"queue": {"enabled": True, "admit_per_minute": 30}}, token=organizer)
        self.assertEqual((status, changed["queue"]["admit_per_minute"]), (200, 30), changed)
        self.wait_queue(driver, lambda b: b["state"] == "waiting" and b["stats"]["Estimated wait"] not in ("Paused", ""),
                        "an estimated wait instead of Paused")
        self.wait_queue(driver, lambda b: b["stats"].get("People ahead of you") == "1", "one person ahead", timeout=15)
        self.assertRegex(self.queue_box(driver)["headline"], r"^You’re in the queue — your place is 4\.$")
        self.wait_queue(driver, lambda b: b["state"] == "admitted", "the buyer admitted", timeout=15)

        seen = driver.execute_script("return window.__boAhead")
        print("\n%s: people ahead, as the page showed them: %s" % (size, " → ".join(seen)), flush=True)
        counts = [int(v) for v in seen]
        self.assertEqual(counts[0], 3, seen)
        self.assertEqual(counts, sorted(counts, reverse=True), "the number ahead only falls: %s" % seen)
        self.assertEqual(len(set(counts)), len(counts), seen)
        self.assertIn(2, counts, "the page showed 2 ahead: %s" % seen)
        self.assertIn(1, counts, "the page showed 1 ahead: %s" % seen)
        self.assertTrue(driver.execute_script("return window.__boNotReloaded === true"), "the page was not reloaded")
        self.assertEqual(driver.execute_script(STATUS_POLLS), 0, "updates came over the stream, not polls")
        self.assertRegex(self.queue_box(driver)["headline"], r"^It’s your turn")
        self.wait_for(lambda: self.hold_button(driver), message="the hold button")
