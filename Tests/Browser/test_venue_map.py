"""The whole-venue overview on the event page (js/venuemap.js): every seat of the demo's
20,500-seat stadium drawn on one canvas, zoom and pan by buttons, wheel, drag, pinch and keys,
a section chosen from the map opening its detailed seat map, and seats others take going
unavailable on the overview within a second, from the page's one live socket.

What was drawn is read through the overview's test hook: the data attributes of .venue-view
and its `venueProbe` (documented at the top of venuemap.js)."""
import time
import uuid

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from browser_support import BrowserTest, SIZES, api, buyer_token, find_event, organizer_token

VENUE = "document.querySelector('.venue-view')"
PROBE = VENUE + ".venueProbe"

# How long the first drawing took, from the page's own clock (performance.now()): from the
# map's bytes being in (the resource's responseEnd; JSON parsing included) and from the data
# parsed (data-render-ms: layout and draw calls), to the draw calls done and to the next frame.
TIMINGS = """
var t = %s.timings();
var entry = performance.getEntriesByType('resource').filter(function (e) { return /\\/events\\/[^/?]+\\/seats$/.test(e.name); })[0];
return { bytesIn: entry ? entry.responseEnd : null, requested: t.started, arrived: t.arrived, laidOut: t.laidOut,
         drawn: t.drawn, painted: t.painted || null, renderMs: parseFloat(%s.getAttribute('data-render-ms')) };
""" % (PROBE, VENUE)

# In the watcher's page: the first moment (Date.now()) the overview draws the seat as anything
# but available, checked every 5 ms.
WATCH_SEAT = """
window.__boVenueTakenAt = null;
var probe = %s, id = arguments[0];
var timer = setInterval(function () {
  var drawn = probe.drawnStatus(id);
  if (drawn && drawn !== 'AVAILABLE') { window.__boVenueTakenAt = Date.now(); clearInterval(timer); }
}, 5);
""" % PROBE

# Counts the WebSockets the page opens (run before the page's own scripts).
COUNT_SOCKETS = """
window.__boSockets = 0;
var Original = window.WebSocket;
window.WebSocket = function (url, protocols) { window.__boSockets += 1; return protocols === undefined ? new Original(url) : new Original(url, protocols); };
window.WebSocket.prototype = Original.prototype;
"""

# The tier colours of venuemap.js, dearest price first.
TIER_RGB = [(0x6a, 0x3d, 0x9a), (0x0a, 0x6f, 0xb0), (0x1a, 0x7f, 0x5a), (0xc2, 0x4e, 0x00)]
BACKGROUND = (0xfb, 0xfb, 0xfe)


class VenueMapTests(BrowserTest):
    # ----- helpers -----

    def open_overview(self, driver, event_id, seats):
        """Opens the event page and waits until the overview has drawn `seats` seats."""
        self.open(driver, "#/event/" + event_id)
        self.wait_for(lambda: driver.execute_script(
            "var v = %s; return v && v.getAttribute('data-seats-drawn') === arguments[0]" % VENUE, str(seats)),
            timeout=20, message="the overview to draw %d seats" % seats)
        driver.execute_script("%s.scrollIntoView({block: 'center'})" % VENUE)

    def view(self, driver):
        """The overview's view transform: (px per seat, x offset, y offset)."""
        return tuple(float(v) for v in driver.execute_script("return %s.getAttribute('data-view')" % VENUE).split())

    def drawn_count(self, driver):
        return int(driver.execute_script("return %s.getAttribute('data-seats-drawn')" % VENUE))

    def view_centre(self, driver):
        r = driver.execute_script("var r = %s.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]" % VENUE)
        return r[0] + r[2] / 2, r[1] + r[3] / 2

    def mouse(self, driver, kind, x, y, **extra):
        event = {"type": kind, "x": x, "y": y}
        event.update(extra)
        driver.execute_cdp_cmd("Input.dispatchMouseEvent", event)

    def click_at(self, driver, x, y):
        self.mouse(driver, "mousePressed", x, y, button="left", buttons=1, clickCount=1)
        self.mouse(driver, "mouseReleased", x, y, button="left", buttons=0, clickCount=1)

    def drag(self, driver, start, end, steps=8):
        self.mouse(driver, "mouseMoved", start[0], start[1])
        self.mouse(driver, "mousePressed", start[0], start[1], button="left", buttons=1, clickCount=1)
        for k in range(1, steps + 1):
            self.mouse(driver, "mouseMoved", start[0] + (end[0] - start[0]) * k / steps,
                       start[1] + (end[1] - start[1]) * k / steps, button="left", buttons=1)
        self.mouse(driver, "mouseReleased", end[0], end[1], button="left", buttons=0, clickCount=1)

    def wait_view_change(self, driver, before, what):
        return self.wait_for(lambda: self.view(driver) != before and self.view(driver), message=what)

    def detailed_map_of(self, driver, name):
        self.wait_for(lambda: self.element(driver, ".layout .card .toolbar h2").text == name
                      and driver.find_elements("css selector", ".seatmap [role=gridcell]"), message="the %s seat map" % name)
        pressed = [b.text.split("\n")[0] for b in driver.find_elements("css selector", ".section-card[aria-pressed=true]")]
        self.assertEqual(pressed, [name], "the section list shows the choice too")
        hit = driver.find_element("css selector", ".venue-hit[aria-pressed=true]")
        self.assertTrue(hit.accessible_name.startswith(name + ", "), hit.accessible_name)

    def assert_fits(self, driver, what):
        width, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        self.assertLessEqual(width, inner, "%s is %d px wide in a %d px window" % (what, width, inner))

    # ----- the whole venue -----

    def test_the_20500_seat_venue_is_drawn_seat_by_seat_and_the_time_printed(self):
        self.each_size(self.whole_venue)

    def whole_venue(self, size):
        stadium = find_event("Aurora Lights")   # Floor VIP 10x50, Club Level 20x100, Lower Bowl 40x200, Upper Bowl 50x200
        status, seat_map = api("GET", "/events/%s/seats" % stadium["event_id"])
        self.assertEqual(status, 200)
        sections = {s["name"]: s for s in seat_map["sections"]}
        total = sum(len(s["seats"]) for s in seat_map["sections"])
        self.assertEqual(total, 20500)
        driver = self.browser(size)
        self.open_overview(driver, stadium["event_id"], total)
        self.assertEqual(driver.execute_script("return %s.getAttribute('data-seats')" % VENUE), "20500")
        t = self.wait_for(lambda: (lambda v: v["painted"] and v)(driver.execute_script(TIMINGS)), message="the first frame")
        print("\n%s: 20,500 seats drawn %.0f ms after the map's bytes were in (%.0f ms of it JSON parsing and the fetch's wrapping), "
              "%.0f ms from the data parsed (layout %.0f ms, drawing %.0f ms), next frame at %.0f ms; %.0f ms from the request"
              % (size, t["drawn"] - t["bytesIn"], t["arrived"] - t["bytesIn"], t["renderMs"], t["laidOut"] - t["arrived"],
                 t["drawn"] - t["laidOut"], t["painted"] - t["bytesIn"], t["drawn"] - t["requested"]), flush=True)

        # Every seat was drawn, as what it is, and the canvas really has it in its price colour.
        for name, tier in (("Floor VIP", 0), ("Club Level", 1), ("Lower Bowl", 2), ("Upper Bowl", 3)):
            for seat in (sections[name]["seats"][0], sections[name]["seats"][-1]):
                self.assertEqual(driver.execute_script("return %s.drawnStatus(arguments[0])" % PROBE, seat["seat_id"]), seat["status"])
            if size == "desktop":   # on the phone a seat is 1.2 px, its middle pixel blended with the gap
                pixel = driver.execute_script("return %s.pixel(arguments[0])" % PROBE, sections[name]["seats"][0]["seat_id"])
                self.assertEqual(tuple(pixel), TIER_RGB[tier], "%s's first seat is drawn in its tier's colour" % name)

        # The text alternative: the canvas is named with a summary, each block is a named button,
        # the section list is still there, and the legend explains colours and marks.
        canvas = driver.find_element("css selector", ".venue-view canvas")
        self.assertIn(canvas.aria_role, ("img", "image"))   # Chromium names the img role "image"
        self.assertIn("20,500 seats in 4 seated sections", canvas.accessible_name)
        self.assertIn("Lower Bowl · $125.00", canvas.accessible_name)
        hits = driver.find_elements("css selector", ".venue-hit")
        self.assertEqual([b.accessible_name.split(", ")[0] for b in hits], ["Floor VIP", "Club Level", "Lower Bowl", "Upper Bowl"])
        self.assertRegex(hits[3].accessible_name, r"^Upper Bowl, \$65\.00, [\d,]+ of 10,000 seats left$")
        self.assertEqual(len(driver.find_elements("css selector", ".section-card")), 4)
        legend = driver.find_element("css selector", ".venue").text
        for words in ("$450.00 · Floor VIP", "$65.00 · Upper Bowl", "Available (filled, in its price colour)",
                      "On hold (hollow, striped)", "Sold (hollow, crossed)", "Not for sale (hollow, barred)"):
            self.assertIn(words, legend)
        self.assert_fits(driver, "the event page with the overview")
        self.screenshot(driver, "venue")

    # ----- zoom, pan, choose -----

    def test_zoom_and_pan_move_the_view_and_a_section_is_still_chosen_from_the_map(self):
        self.each_size(self.zoom_pan_choose)

    def zoom_pan_choose(self, size):
        stadium = find_event("Aurora Lights")
        driver = self.browser(size)
        self.open_overview(driver, stadium["event_id"], 20500)
        fit = self.view(driver)

        # The + button zooms in about the middle; fewer seats are in view, so fewer are drawn.
        self.click_on(driver, ".venue-zoom button[aria-label='Zoom in']")
        zoomed = self.wait_view_change(driver, fit, "the + button to zoom")
        self.assertGreater(zoomed[0], fit[0] * 1.5)
        self.assertLess(self.drawn_count(driver), 20500, "seats outside the view are not drawn")
        self.assertGreater(self.drawn_count(driver), 0)

        # The wheel zooms in further, about the pointer; the page does not scroll for it.
        driver.execute_script("%s.scrollIntoView({block: 'center'})" % VENUE)
        x, y = self.view_centre(driver)
        scrolled = driver.execute_script("return window.scrollY")
        self.mouse(driver, "mouseWheel", x - 30, y - 20, deltaX=0, deltaY=-300)
        wheeled = self.wait_view_change(driver, zoomed, "the wheel to zoom")
        self.assertGreater(wheeled[0], zoomed[0])
        self.assertEqual(driver.execute_script("return window.scrollY"), scrolled, "the wheel zoomed instead of scrolling the page")

        if size == "phone":
            # Two fingers apart: a pinch zooms in more.
            driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 2})
            def touch(kind, spread):
                points = [] if kind == "touchEnd" else [{"x": x - spread, "y": y, "id": 1}, {"x": x + spread, "y": y, "id": 2}]
                driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})
            touch("touchStart", 20)
            for spread in range(25, 65, 5):
                touch("touchMove", spread)
            touch("touchEnd", 0)
            pinched = self.wait_view_change(driver, wheeled, "the pinch to zoom")
            self.assertGreater(pinched[0], wheeled[0] * 1.5, "pinching 40 px to 120 px apart zooms in")
            driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})
            wheeled = pinched

        # A drag pans: the transform moves by the drag (where the venue goes on past the edge).
        self.drag(driver, (x + 60, y + 40), (x - 60, y - 40))
        panned = self.wait_view_change(driver, wheeled, "the drag to pan")
        self.assertEqual(panned[0], wheeled[0], "a drag does not zoom")
        self.assertTrue(panned[1] < wheeled[1] or panned[2] < wheeled[2], "the venue moved with the pointer: %r -> %r" % (wheeled, panned))
        self.assertIsNone(driver.execute_script("return document.querySelector('.seatmap')"), "ending a drag over a section does not choose it")

        # A click on the section under the middle of the view opens its detailed seat map.
        name = driver.execute_script(
            "var e = document.elementFromPoint(arguments[0], arguments[1]);"
            "return e && e.classList.contains('venue-hit') ? e.getAttribute('aria-label').split(', ')[0] : null", x, y)
        self.assertIsNotNone(name, "a section lies under the middle of the zoomed view")
        self.click_at(driver, x, y)
        self.detailed_map_of(driver, name)
        self.assertEqual(self.view(driver), panned, "choosing keeps the overview where it was")
        self.assert_fits(driver, "the zoomed overview with a section open")

        # "Fit" shows the whole venue again.
        self.click_on(driver, ".venue-zoom button", "Fit")
        self.wait_for(lambda: self.view(driver) == fit, message="Fit to show the whole venue")
        self.assertEqual(self.drawn_count(driver), 20500)

    def test_the_keyboard_zooms_and_pans_the_overview_and_opens_a_section(self):
        self.each_size(self.keyboard)

    def keyboard(self, size):
        stadium = find_event("Aurora Lights")
        driver = self.browser(size)
        self.open_overview(driver, stadium["event_id"], 20500)
        fit = self.view(driver)
        driver.execute_script("document.querySelector('.venue-zoom button:last-child').focus()")
        ActionChains(driver).send_keys(Keys.TAB).perform()
        focused = driver.switch_to.active_element
        self.assertEqual(focused.get_attribute("class"), "venue-hit", "Tab goes from the zoom buttons to the sections on the map")
        self.assertTrue(focused.accessible_name.startswith("Floor VIP, $450.00, "), focused.accessible_name)
        ActionChains(driver).send_keys("+").perform()
        zoomed = self.wait_view_change(driver, fit, "+ to zoom")
        self.assertGreater(zoomed[0], fit[0])
        ActionChains(driver).send_keys(Keys.ARROW_LEFT, Keys.ARROW_UP).perform()
        self.wait_view_change(driver, zoomed, "the arrow keys to pan")
        ActionChains(driver).send_keys("0").perform()
        self.wait_for(lambda: self.view(driver) == fit, message="0 to fit")
        ActionChains(driver).send_keys(Keys.TAB, Keys.ENTER).perform()
        self.detailed_map_of(driver, "Club Level")

    # ----- live -----

    def test_a_seat_another_buyer_holds_goes_unavailable_on_the_overview_within_a_second(self):
        self.each_size(self.live_overview)

    def live_overview(self, size):
        body = {
            "title": "Overview Night %s" % uuid.uuid4().hex[:6], "artist": "The Mappers", "category": "concert",
            "venue": {"name": "Test Arena", "city": "Springfield"}, "starts_at": "2031-06-01T20:00:00Z",
            "sections": [
                {"name": "Stalls", "kind": "seated", "price_cents": 4500, "rows": [{"label": r, "seats": 12} for r in "ABC"]},
                {"name": "Circle", "kind": "seated", "price_cents": 3000, "rows": [{"label": r, "seats": 10} for r in "AB"]},
                {"name": "Standing", "kind": "general_admission", "price_cents": 2000, "capacity": 50}]}
        status, event = api("POST", "/events", body, token=organizer_token())
        self.assertEqual(status, 201, event)
        event_id = event["event_id"]
        status, seat_map = api("GET", "/events/%s/seats" % event_id)
        by_name = {s["name"]: s for s in seat_map["sections"]}
        target = by_name["Circle"]["seats"][13]   # row B, seat 4

        driver = self.browser(size)
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": COUNT_SOCKETS})
        self.open_overview(driver, event_id, 56)
        self.wait_live(driver)
        self.assertEqual(driver.execute_script("return %s.drawnStatus(arguments[0])" % PROBE, target["seat_id"]), "AVAILABLE")
        self.assertEqual(tuple(driver.execute_script("return %s.pixel(arguments[0])" % PROBE, target["seat_id"])), TIER_RGB[1],
                         "Circle is the second-dearest tier")
        standing = driver.find_element("css selector", '.venue-hit[data-section="%s"]' % by_name["Standing"]["section_id"])
        self.assertEqual(standing.accessible_name, "Standing, $20.00, general admission, 50 tickets left")

        # Another buyer holds the seat over the API: the overview draws it as taken within a second.
        driver.execute_script(WATCH_SEAT, target["seat_id"])
        other = buyer_token()
        status, held = api("POST", "/reservations", {"event_id": event_id, "seat_ids": [target["seat_id"]]}, token=other)
        answered = time.time() * 1000
        self.assertEqual(status, 201, held)
        taken = self.wait_for(lambda: driver.execute_script("return window.__boVenueTakenAt"), timeout=5,
                              message="the seat to go on the overview")
        lag = taken - answered
        print("\n%s: the held seat was drawn taken on the overview %.0f ms after the hold answered" % (size, lag), flush=True)
        self.assertLess(lag, 1000, "the overview drew the hold %.0f ms after it was answered" % lag)
        self.assertEqual(driver.execute_script("return %s.drawnStatus(arguments[0])" % PROBE, target["seat_id"]), "HELD")
        pixel = tuple(driver.execute_script("return %s.pixel(arguments[0])" % PROBE, target["seat_id"]))
        self.assertNotIn(pixel, (TIER_RGB[1], BACKGROUND), "the seat's middle is now grey, not its price colour: %r" % (pixel,))
        neighbour = by_name["Circle"]["seats"][14]["seat_id"]
        self.assertEqual(driver.execute_script("return %s.drawnStatus(arguments[0])" % PROBE, neighbour), "AVAILABLE")

        # A GA hold: the standing block's count goes down, and the summary counts the held seat.
        status, ga = api("POST", "/reservations", {"event_id": event_id, "section_id": by_name["Standing"]["section_id"], "quantity": 3}, token=other)
        self.assertEqual(status, 201, ga)
        self.wait_for(lambda: driver.find_element("css selector", '.venue-hit[data-section="%s"]' % by_name["Standing"]["section_id"])
                      .accessible_name == "Standing, $20.00, general admission, 47 tickets left", timeout=2, message="the GA block's count")
        self.assertIn("56 seats in 2 seated sections · 55 available",
                      driver.find_element("css selector", ".venue-view canvas").accessible_name)
        self.assertEqual(driver.execute_script("return window.__boSockets"), 1, "the overview shares the page's live socket")
        self.assertEqual(self.drawn_count(driver), 56)
