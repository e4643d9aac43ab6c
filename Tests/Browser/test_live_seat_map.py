"""The live seat map in a real browser: seats others take turn unavailable without a
reload, within a second, and a buyer whose pick was taken is told plainly."""
import time

from browser_support import BrowserTest, SIZES, BASE, api, buyer_token, seated_event


class LiveSeatMapTests(BrowserTest):
    def open_map(self, driver, event_id):
        driver.get(BASE + "/#/event/" + event_id)
        self.wait_for(lambda: driver.find_elements("css selector", ".seatmap [data-id]"), message="the seat map")
        self.wait_for(lambda: "live" in driver.find_element("css selector", ".live-state").get_attribute("class").split(),
                      message="the live socket")

    def seat_class(self, driver, seat_id):
        return driver.find_element("css selector", '[data-id="%s"]' % seat_id).get_attribute("class").split()

    def test_a_seat_another_buyer_holds_turns_unavailable_within_a_second(self):
        for size in SIZES:
            with self.subTest(size=size):
                event_id, seats = seated_event()
                watcher = self.browser(size)
                self.open_map(watcher, event_id)
                target = seats[5]["seat_id"]
                self.assertIn("a", self.seat_class(watcher, target), "the seat starts available")
                status, held = api("POST", "/reservations", {"event_id": event_id, "seat_ids": [target]}, token=buyer_token())
                self.assertEqual(status, 201, held)
                answered = time.monotonic()
                self.wait_for(lambda: "h" in self.seat_class(watcher, target), timeout=5, message="the seat shown held")
                lag = time.monotonic() - answered
                self.assertLess(lag, 1.0, "the hold reached the open map after %.2f s" % lag)
                # No reload: the page never navigated, and the counts moved too.
                self.assertIn("23", watcher.find_element("css selector", ".sections").text)

    def test_a_pick_someone_else_takes_is_dropped_and_the_buyer_is_told(self):
        for size in SIZES:
            with self.subTest(size=size):
                event_id, seats = seated_event()
                buyer = self.browser(size)
                self.open_map(buyer, event_id)
                target = seats[7]["seat_id"]
                buyer.execute_script("arguments[0].click()", buyer.find_element("css selector", '[data-id="%s"]' % target))
                self.wait_for(lambda: "sel" in self.seat_class(buyer, target), message="the seat picked")
                status, held = api("POST", "/reservations", {"event_id": event_id, "seat_ids": [target]}, token=buyer_token())
                self.assertEqual(status, 201, held)
                self.wait_for(lambda: "just taken by someone else" in buyer.find_element("tag name", "body").text,
                              timeout=2, message="the buyer told the seat was taken")
                self.assertNotIn("sel", self.seat_class(buyer, target))
                self.assertIn("h", self.seat_class(buyer, target))

    def test_the_map_fits_a_phone_screen(self):
        event_id, _ = seated_event(rows=(("A", 40), ("B", 40), ("C", 40)))
        phone = self.browser("phone")
        for page in ("/#/", "/#/event/" + event_id):
            phone.get(BASE + page)
            time.sleep(0.3)
            if "event" in page:
                self.open_map(phone, event_id)
            width, inner = phone.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
            self.assertLessEqual(width, inner, "%s is %d px wide on a %d px screen" % (page, width, inner))
