"""The seat map for keyboard and screen-reader users: one tab stop, arrow keys between seats
and rows, Space or Enter to pick, a name and a role for every seat, statuses shown by a mark
as well as a colour, colours with enough contrast, and a 10,000-seat section that stays quick
(one listener for the map, none per seat)."""
import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from browser_support import BrowserTest, api, demo_organizer_token, find_event, new_buyer, seated_event

# WCAG 2.x contrast ratio of two computed CSS colours ("rgb(r, g, b)").
CONTRAST = """
function lum(css) {
  var c = css.match(/[\\d.]+/g).slice(0, 3).map(function (v) {
    v = v / 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}
var a = lum(arguments[0]), b = lum(arguments[1]);
return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
"""


class SeatMapAccessTests(BrowserTest):
    def keys(self, driver, *keys):
        ActionChains(driver).send_keys(*keys).perform()

    def focused(self, driver):
        return driver.switch_to.active_element

    def test_a_buyer_picks_and_holds_a_seat_with_the_keyboard_alone(self):
        self.each_size(self.pick_and_hold_by_keyboard)

    def pick_and_hold_by_keyboard(self, size):
        event_id, seats = seated_event(rows=(("A", 10), ("B", 10), ("C", 8)), token=demo_organizer_token())
        by_name = {"%s%d" % (s["row"], s["number"]): s for s in seats}
        status, held = api("POST", "/reservations", {"event_id": event_id, "seat_ids": [by_name["B3"]["seat_id"]]}, token=new_buyer()[2]["token"])
        self.assertEqual(status, 201, held)
        driver = self.browser(size)
        self.sign_in(driver, new_buyer()[2])
        self.open_section(driver, event_id, "Stalls")
        self.wait_for(lambda: "h" in self.seat_classes(driver, by_name["B3"]["seat_id"]), message="B3 shown held")

        # From the top of the page, Tab reaches the map on its first seat on sale.
        driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
        for _ in range(40):
            self.keys(driver, Keys.TAB)
            if self.focused(driver).get_attribute("role") == "gridcell":
                break
        seat = self.focused(driver)
        self.assertEqual(seat.get_attribute("role"), "gridcell", "Tab reaches the seat map")
        self.assertEqual(seat.accessible_name, "Row A, seat 1, $45.00, available")
        self.assertEqual(len(driver.find_elements("css selector", ".seatmap [tabindex]")), 1, "the map is one tab stop")

        # One Tab leaves the map, Shift+Tab comes back to the same seat.
        self.keys(driver, Keys.TAB)
        self.assertNotEqual(self.focused(driver).get_attribute("role"), "gridcell", "one Tab leaves the map")
        ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
        self.assertEqual(self.focused(driver).accessible_name, "Row A, seat 1, $45.00, available")

        # Arrows move along a row and between rows; Home and End go to the row's ends.
        for key, name in ((Keys.ARROW_RIGHT, "Row A, seat 2"), (Keys.ARROW_DOWN, "Row B, seat 2"),
                          (Keys.ARROW_LEFT, "Row B, seat 1"), (Keys.ARROW_UP, "Row A, seat 1"),
                          (Keys.END, "Row A, seat 10"), (Keys.HOME, "Row A, seat 1"),
                          (Keys.ARROW_LEFT, "Row A, seat 1"),   # the row's first seat stays put
                          (Keys.ARROW_DOWN, "Row B, seat 1"), (Keys.ARROW_DOWN, "Row C, seat 1")):
            self.keys(driver, key)
            self.assertTrue(self.focused(driver).accessible_name.startswith(name + ", "),
                            "%r after %r" % (self.focused(driver).accessible_name, key))
        # Row C is two seats shorter and centred: End then Up lands on the seat above, B9.
        self.keys(driver, Keys.END, Keys.ARROW_UP)
        self.assertTrue(self.focused(driver).accessible_name.startswith("Row B, seat 9, "), self.focused(driver).accessible_name)
        self.assertEqual(len(driver.find_elements("css selector", ".seatmap [tabindex]")), 1, "still one tab stop")

        # A seat on hold says so, and Space does not pick it.
        self.keys(driver, Keys.HOME, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
        held_seat = self.focused(driver)
        self.assertEqual(held_seat.accessible_name, "Row B, seat 3, $45.00, on hold")
        self.assertEqual(held_seat.get_attribute("aria-disabled"), "true")
        self.keys(driver, Keys.SPACE)
        self.assertIsNone(held_seat.get_attribute("aria-selected"))
        self.assertEqual(self.element(driver, ".hover-info").text, "Row B, Seat 3 is on hold.")

        # Space picks B4, Enter picks B5, Space again unpicks B5.
        self.keys(driver, Keys.ARROW_RIGHT, Keys.SPACE)
        b4 = self.focused(driver)
        self.assertEqual(b4.get_attribute("aria-selected"), "true")
        self.assertEqual(b4.accessible_name, "Row B, seat 4, $45.00, your pick")
        self.keys(driver, Keys.ARROW_RIGHT, Keys.ENTER)
        self.assertEqual(self.focused(driver).get_attribute("aria-selected"), "true")
        self.assertEqual(self.element(driver, ".summary h3").text.split()[-1], "2")
        self.keys(driver, Keys.SPACE)
        self.assertEqual(self.focused(driver).get_attribute("aria-selected"), "false")
        self.assertEqual(self.focused(driver).accessible_name, "Row B, seat 5, $45.00, available")
        self.wait_for(lambda: "Row B, Seat 5 removed from your picks. 1 seat picked." in
                      driver.find_element("css selector", ".layout .card .sr-only[role=status]").get_attribute("textContent"),
                      message="the pick announced")
        summary = self.element(driver, ".summary")
        self.assertIn("Row B · Seat 4", summary.text)
        self.assertNotIn("Seat 5", summary.text)

        # Tab on to the Hold button and press Enter: held.
        for _ in range(10):
            self.keys(driver, Keys.TAB)
            if self.focused(driver).text == "Hold 1 seat":
                break
        self.assertEqual(self.focused(driver).text, "Hold 1 seat", "Tab reaches the Hold button")
        self.keys(driver, Keys.ENTER)
        self.wait_for(lambda: "#/checkout/" in driver.current_url, message="the checkout page")
        self.assertIn("Stalls · Row B, Seat 4", self.element(driver, "table.lines").text)

    def test_every_seat_has_a_role_and_a_name_and_each_status_a_mark_and_enough_contrast(self):
        self.each_size(self.seats_are_described)

    def seats_are_described(self, size):
        event_id, seats = seated_event(rows=(("A", 6),), token=demo_organizer_token())
        token = new_buyer()[2]["token"]
        status, held = api("POST", "/reservations", {"event_id": event_id, "seat_ids": [seats[1]["seat_id"]]}, token=token)
        self.assertEqual(status, 201, held)
        status, sold = api("POST", "/reservations", {"event_id": event_id, "seat_ids": [seats[2]["seat_id"]]}, token=token)
        status, paid = api("POST", "/reservations/%s/confirm" % sold["reservation_id"], {"payment_method_id": "pm_card_visa"}, token=token)
        self.assertEqual(status, 200, paid)
        driver = self.browser(size)
        grid = self.open_section(driver, event_id, "Stalls")
        self.click_seat(driver, seats[3]["seat_id"])

        self.assertEqual(grid.aria_role, "grid")
        self.assertEqual(grid.accessible_name, "Seat map for Stalls")
        self.assertEqual([c.aria_role for c in driver.find_elements("css selector", ".seatmap > *")], ["row"])
        cells = driver.find_elements("css selector", ".seatmap [data-id]")
        self.assertEqual([c.aria_role for c in cells], ["gridcell"] * 6)
        self.assertEqual([c.accessible_name for c in cells], [
            "Row A, seat 1, $45.00, available", "Row A, seat 2, $45.00, on hold", "Row A, seat 3, $45.00, sold",
            "Row A, seat 4, $45.00, your pick", "Row A, seat 5, $45.00, available", "Row A, seat 6, $45.00, available"])

        # Each status is drawn with a colour that stands out from the map (3:1, WCAG 1.4.11) and,
        # but for "available", a mark; the legend names the mark.
        background = driver.execute_script("return getComputedStyle(document.querySelector('.mapwrap')).backgroundColor")
        for cell in cells[:4]:
            colour = cell.value_of_css_property("background-color")
            ratio = driver.execute_script(CONTRAST, colour, background)
            self.assertGreaterEqual(ratio, 3.0, "%s: %s on %s is %.2f:1" % (cell.accessible_name, colour, background, ratio))
        marks = [c.value_of_css_property("background-image") for c in cells[:4]]
        self.assertEqual(marks[0], "none", "an available seat is plain")
        for name, mark in zip(("on hold", "sold", "your pick"), marks[1:]):
            self.assertNotEqual(mark, "none", "a seat %s carries a mark" % name)
        self.assertEqual(len(set(marks[1:])), 3, "each status has its own mark")
        legend = self.element(driver, ".legend")
        self.assertEqual([li.text for li in legend.find_elements("css selector", "li")],
                         ["Available (plain)", "Your pick (white dot)", "On hold (striped)", "Sold (crossed)", "Not for sale (barred)"])
        card = driver.execute_script("return getComputedStyle(arguments[0].closest('.card')).backgroundColor", legend)
        for swatch in legend.find_elements("css selector", "i"):
            ratio = driver.execute_script(CONTRAST, swatch.value_of_css_property("background-color"), card)
            self.assertGreaterEqual(ratio, 3.0, "the legend's %s swatch: %.2f:1" % (swatch.get_attribute("class"), ratio))
        blocked = legend.find_element("css selector", "i.b").value_of_css_property("background-image")
        self.assertNotIn(blocked, ("none",) + tuple(marks), "not for sale has a mark of its own")

    def test_a_ten_thousand_seat_section_opens_quickly_with_one_listener_for_the_whole_map(self):
        self.each_size(self.big_section_is_quick)

    def big_section_is_quick(self, size):
        stadium = find_event("Aurora Lights")
        driver = self.browser(size)
        self.open(driver, "#/event/" + stadium["event_id"])
        self.element(driver, ".section-card", "Upper Bowl")
        started = time.monotonic()
        self.click_on(driver, ".section-card", "Upper Bowl")
        self.wait_for(lambda: driver.execute_script("return document.querySelectorAll('.seatmap [role=gridcell]').length") == 10000,
                      message="10,000 seats drawn")
        elapsed = time.monotonic() - started
        # Reported, not asserted: a timed assertion fails on a busy machine (speed is for benchmarks).
        print("\n%s: the 10,000-seat map was drawn %.2f s after the click" % (size, elapsed), flush=True)

        def listeners(selector):
            found = driver.execute_cdp_cmd("Runtime.evaluate", {"expression": "document.querySelector(%r)" % selector})
            answer = driver.execute_cdp_cmd("DOMDebugger.getEventListeners", {"objectId": found["result"]["objectId"]})
            return sorted(entry["type"] for entry in answer["listeners"])
        self.assertEqual(listeners(".seatmap [role=gridcell]"), [], "no listener on a seat")
        self.assertEqual(listeners(".seatmap [role=row]"), [], "no listener on a row")
        self.assertEqual(listeners(".seatmap"), ["click", "focusin", "keydown", "mouseover"], "the map listens for all its seats")

        # Moving through it: 20 key presses land where they should.
        self.keys(driver, Keys.TAB)
        for _ in range(40):
            if self.focused(driver).get_attribute("role") == "gridcell":
                break
            self.keys(driver, Keys.TAB)
        rows = driver.execute_script("return Array.prototype.map.call(document.querySelectorAll('.seatmap [role=rowheader]'), function (r) { return r.textContent; })")
        start = self.focused(driver).accessible_name.split(", ")
        row, number = rows.index(start[0][len("Row "):]), int(start[1][len("seat "):])
        started = time.monotonic()
        self.keys(driver, *([Keys.ARROW_DOWN] * 10 + [Keys.ARROW_RIGHT] * 10))
        self.assertTrue(self.focused(driver).accessible_name.startswith("Row %s, seat %d, " % (rows[row + 10], number + 10)),
                        self.focused(driver).accessible_name)
        print("%s: 20 key presses took %.2f s" % (size, time.monotonic() - started), flush=True)
