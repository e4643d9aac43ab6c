"""The page fits the screen: no view is wider than the window (on a 390 px phone above all),
a seat map wider than the screen scrolls inside its own box, and "Your seats" and the Hold
button stay within reach under the map."""
from browser_support import BrowserTest, SIZES, api, find_event, new_buyer

# Page width, window width, and where the seat map's box ends and how far it scrolls.
MEASURE = """
var wrap = document.querySelector('.mapwrap');
return {
  page: document.documentElement.scrollWidth, window: window.innerWidth,
  wrapRight: wrap ? wrap.getBoundingClientRect().right : null,
  wrapScrolls: wrap ? wrap.scrollWidth > wrap.clientWidth : null
};
"""


class LayoutTests(BrowserTest):
    def test_no_view_is_wider_than_the_screen_and_wide_maps_scroll_in_their_own_box(self):
        self.each_size(self.every_view_fits)

    def assert_fits(self, driver, size, what):
        m = driver.execute_script(MEASURE)
        self.assertEqual(m["window"], SIZES[size][0], "the window is %d px wide (no zooming out to fit)" % SIZES[size][0])
        self.assertLessEqual(m["page"], m["window"], "%s is %d px wide on a %d px screen" % (what, m["page"], m["window"]))
        return m

    def every_view_fits(self, size):
        stadium = find_event("Aurora Lights")   # four seated sections, 50 to 200 seats a row
        driver = self.browser(size)
        self.open(driver, "#/")
        self.wait_for(lambda: driver.find_elements("css selector", ".event-card"), message="the event list")
        self.assert_fits(driver, size, "the home page")

        self.open(driver, "#/event/" + stadium["event_id"])
        self.wait_for(lambda: len(driver.find_elements("css selector", ".section-card")) == 4, message="the sections")
        self.assert_fits(driver, size, "the event page")

        for name, seats_a_row in (("Floor VIP", 50), ("Club Level", 100), ("Lower Bowl", 200), ("Upper Bowl", 200)):
            self.click_on(driver, ".section-card", name)
            self.wait_for(lambda: self.element(driver, ".layout .card .toolbar h2").text == name
                          and len(driver.find_elements("css selector", ".seatmap .srow:first-child [data-id]")) == seats_a_row,
                          message="the %s map" % name)
            m = self.assert_fits(driver, size, "the %s seat map" % name)
            self.assertLessEqual(m["wrapRight"], m["window"], "the %s map's box ends inside the screen" % name)
            if seats_a_row * 14 > SIZES[size][0]:
                self.assertTrue(m["wrapScrolls"], "the %s map scrolls sideways inside its box" % name)

        # Under the widest map, a pick shows in "Your seats" and Hold is on screen and clickable.
        self.click_seat(driver, driver.find_element("css selector", ".seatmap .srow:last-child .seat.a").get_attribute("data-id"))
        summary = self.element(driver, ".summary")
        self.assertIn("Upper Bowl · Row AX", summary.text)
        hold = self.element(driver, ".summary button.btn.big", "Hold 1 seat")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", hold)
        self.assertTrue(driver.execute_script(
            "var r = arguments[0].getBoundingClientRect();"
            "return r.left >= 0 && r.right <= window.innerWidth && document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2) === arguments[0];",
            hold), "the Hold button is on screen, uncovered")
        self.assert_fits(driver, size, "the seat map with a pick")
        hold.click()
        self.wait_for(lambda: driver.current_url.endswith("#/signin"), message="Hold asking to sign in")

    def test_checkout_fits_the_screen(self):
        self.each_size(self.checkout_fits)

    def checkout_fits(self, size):
        hamlet = find_event("Hamlet")
        _, _, session = new_buyer()
        status, seat_map = api("GET", "/events/%s/seats?status=AVAILABLE" % hamlet["event_id"])
        seat = seat_map["sections"][-1]["seats"][-1]
        status, held = api("POST", "/reservations", {"event_id": hamlet["event_id"], "seat_ids": [seat["seat_id"]]}, token=session["token"])
        self.assertEqual(status, 201, held)
        driver = self.browser(size)
        self.sign_in(driver, session)
        self.open(driver, "#/checkout/" + held["reservation_id"])
        self.element(driver, "form button[type=submit]", "Pay $60.00")
        self.assert_fits(driver, size, "the checkout page")
