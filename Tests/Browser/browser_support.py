"""What the browser tests share: headless Chromium at a desktop and a phone size, the
server's API for setting up, and artefacts (a screenshot and the console log) when a
test fails. Every test fails if the page logged a JavaScript error."""
import datetime
import json
import os
import re
import time
import unittest
import urllib.error
import urllib.request
import uuid

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service

BASE = os.environ.get("BOXOFFICE_BROWSER_URL", "http://127.0.0.1:8080")
ARTEFACTS = os.environ.get("BOXOFFICE_BROWSER_ARTEFACTS", ".build/browser-artefacts")
SCREENSHOTS = os.environ.get("BOXOFFICE_SCREENSHOTS") == "1"
SCREENSHOT_DIR = os.environ.get("BOXOFFICE_SCREENSHOT_DIR", "docs/screenshots")
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
CHROMIUM = os.environ.get("BOXOFFICE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("BOXOFFICE_CHROMEDRIVER", "/usr/bin/chromedriver")
SESSION_KEY = "boxoffice.session"
# The demo's organizer (boxoffice serve --demo, Sources/BoxOfficeApp/DemoData.swift).
DEMO_ORGANIZER = ("organizer@boxoffice.test", "organizer-demo-pass")


def api(method, path, body=None, token=None):
    """Calls the JSON API; returns (status, decoded body)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(BASE + "/api/v1" + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def login(email, password):
    """Signs in over the API; returns the session answer (token, user_id, name, role)."""
    status, session = api("POST", "/auth/login", {"email": email, "password": password})
    assert status == 200, session
    return session


def organizer_token():
    return login("organizer@browser.test", "browser-organizer")["token"]


def demo_organizer_token():
    return login(*DEMO_ORGANIZER)["token"]


def new_buyer(name="Browser Buyer"):
    """A new customer account; returns (email, password, session answer)."""
    email = "buyer-%s@browser.test" % uuid.uuid4().hex[:12]
    password = "browser-buyer-pass"
    status, session = api("POST", "/auth/register", {"email": email, "password": password, "name": name})
    assert status == 201, session
    session["email"] = email
    return email, password, session


def buyer_token():
    return new_buyer()[2]["token"]


def iso(delta_seconds):
    """A UTC time this many seconds from now, as the API writes it."""
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=delta_seconds)
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def seated_event(rows=(("A", 12), ("B", 12)), token=None, **fields):
    """An event on sale now with one seated section (the page opens its map at once).
    Extra fields (e.g. presales, sale_starts_at) go into the create request."""
    body = {
        "title": "Browser Test Night %s" % uuid.uuid4().hex[:6], "artist": "The Selectors", "category": "concert",
        "venue": {"name": "Test Hall", "city": "Springfield"}, "starts_at": "2031-06-01T20:00:00Z",
        "sections": [{"name": "Stalls", "kind": "seated", "price_cents": 4500,
                      "rows": [{"label": label, "seats": count} for label, count in rows]}]}
    body.update(fields)
    status, event = api("POST", "/events", body, token=token or organizer_token())
    assert status == 201, event
    status, seat_map = api("GET", "/events/%s/seats" % event["event_id"])
    seats = [seat for section in seat_map["sections"] for seat in section["seats"]]
    return event["event_id"], seats


def find_event(title_words):
    """The upcoming event whose title has these words (the demo's events), as the list shows it."""
    status, page = api("GET", "/events?q=" + urllib.request.quote(title_words))
    assert status == 200 and page["events"], page
    return page["events"][0]


class BrowserTest(unittest.TestCase):
    """Opens browsers on demand (`self.browser(size)`), closes them after the test (or after
    the size's subtest, with `self.each_size`), keeps artefacts of a failed test, and fails a
    test whose pages logged a JavaScript error.

    A failed request the page makes on purpose (a hold the server refuses) is logged by Chromium
    as a SEVERE network entry; a test that expects one says so with `self.allow_console(regex)`."""

    def setUp(self):
        self.drivers = []
        self.allowed_console = []

    def browser(self, size="desktop"):
        options = webdriver.ChromeOptions()
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
            options.add_argument(flag)
        width, height = SIZES[size]
        options.add_argument("--window-size=%d,%d" % (width, height))
        options.binary_location = CHROMIUM
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        # The page's viewport is exactly the size (the window's frame does not count), and at
        # the phone size scrollbars overlay the page as they do on a phone.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        if size == "phone":
            driver.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": True})
        driver.size_name = size
        self.drivers.append(driver)
        return driver

    def allow_console(self, pattern):
        """Lets a SEVERE network entry matching `pattern` pass (a refusal the test asks for)."""
        self.allowed_console.append(re.compile(pattern))

    def each_size(self, body):
        """Runs body(size) once per size, each in its own subTest; the browsers it opens are
        checked and closed when it ends, so a failure's screenshot shows that size's page."""
        for size in SIZES:
            with self.subTest(size=size):
                opened = len(self.drivers)
                try:
                    body(size)
                except BaseException:
                    self._close(self.drivers[opened:], failed=True)
                    del self.drivers[opened:]
                    raise
                errors = self._close(self.drivers[opened:], failed=False)
                del self.drivers[opened:]
                self.assertEqual(errors, [], "the page logged JavaScript errors")

    def tearDown(self):
        outcome = getattr(self, "_outcome", None)
        failed = outcome is not None and not outcome.success
        errors = self._close(self.drivers, failed)
        self.drivers = []
        self.assertEqual(errors, [], "the page logged JavaScript errors")

    def _close(self, drivers, failed):
        """Quits the drivers; keeps a screenshot and the console log of each when the test
        failed or the page logged errors; returns the errors."""
        all_errors = []
        for driver in drivers:
            try:
                logs = driver.get_log("browser")
            except Exception as error:   # the browser itself died: that is the failure to show
                logs = [{"level": "SEVERE", "source": "driver", "message": "no console log: %s" % error}]
            errors = [entry for entry in logs if entry["level"] == "SEVERE" and not self._allowed(entry)]
            all_errors += ["%s: %s" % (driver.size_name, entry["message"]) for entry in errors]
            if failed or errors:
                self._keep_artefacts(driver, logs)
            try:
                driver.quit()
            except Exception:
                pass
        return all_errors

    def _allowed(self, entry):
        return entry.get("source") == "network" and any(p.search(entry["message"]) for p in self.allowed_console)

    def _keep_artefacts(self, driver, logs):
        os.makedirs(ARTEFACTS, exist_ok=True)
        name = "%s-%s-%d" % (self.id().split(".")[-1], driver.size_name, self.drivers.index(driver))
        path = os.path.join(ARTEFACTS, name)
        try:
            driver.save_screenshot(path + ".png")
        except Exception as error:
            logs = logs + [{"level": "INFO", "message": "no screenshot: %s" % error}]
        with open(path + ".console.log", "w") as log:
            log.writelines("%s %s %s\n" % (entry.get("timestamp", ""), entry["level"], entry["message"]) for entry in logs)
        print("\nartefacts: %s.png and %s.console.log" % (path, path), flush=True)

    def wait_for(self, condition, timeout=10, interval=0.02, message="condition"):
        """Polls until condition() is truthy and returns it; an element the page redrew meanwhile
        (the live map redraws the section list), or one it has not drawn yet (a view just opened
        is still fetching its data), only means "not yet"."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                value = condition()
            except (StaleElementReferenceException, NoSuchElementException):
                value = None
            if value:
                return value
            time.sleep(interval)
        self.fail("timed out after %.1f s waiting for %s" % (timeout, message))

    def element(self, driver, css, text=None, timeout=10):
        """Waits for the first element matching `css` (whose text is `text`, if given)."""
        def find():
            return [e for e in driver.find_elements("css selector", css)
                    if text is None or text in (e.text.strip(), e.text.split("\n")[0].strip())]
        return self.wait_for(find, timeout=timeout, message="%s %s" % (css, text or ""))[0]

    def click_on(self, driver, css, text=None):
        """Clicks the element as a buyer would (scrolled into view first), finding it again if
        the page redrew it in between."""
        for _ in range(5):
            element = self.element(driver, css, text)
            try:
                driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", element)
                element.click()
                return
            except StaleElementReferenceException:
                continue
        self.fail("%s %s kept being redrawn" % (css, text or ""))

    # ----- the page -----

    def open(self, driver, hash_path="#/"):
        driver.get(BASE + "/" + hash_path)
        # The page is a module: wait until it has drawn its first view.
        self.wait_for(lambda: driver.execute_script(
            "return document.readyState === 'complete' && document.getElementById('view').children.length > 0"),
            message="the page to start")

    def sign_in(self, driver, session):
        """Signs the page in with a session from the API, as the sign-in form would leave it."""
        value = {"token": session["token"], "user_id": session["user_id"], "name": session["name"],
                 "role": session["role"], "email": session.get("email", "")}
        if not driver.current_url.startswith(BASE):
            driver.get(BASE + "/#/")
        driver.execute_script("localStorage.setItem(arguments[0], arguments[1])", SESSION_KEY, json.dumps(value))
        driver.refresh()   # the page reads the session when it starts
        self.wait_for(lambda: "Signed in as" in driver.find_element("id", "account").text, message="the page signed in")

    def open_section(self, driver, event_id, section_name):
        """Opens the event page and the named seated section's map; returns the map element."""
        self.open(driver, "#/event/" + event_id)
        self.click_on(driver, ".section-card", section_name)
        return self.wait_for(lambda: driver.find_elements("css selector", ".seatmap [data-id]")
                             and driver.find_element("css selector", ".seatmap"), message="the seat map")

    def wait_live(self, driver):
        self.wait_for(lambda: "live" in driver.find_element("css selector", ".live-state").get_attribute("class").split(),
                      message="the live seat map's socket")

    def seat(self, driver, seat_id):
        return driver.find_element("css selector", '.seatmap [data-id="%s"]' % seat_id)

    def seat_classes(self, driver, seat_id):
        return self.seat(driver, seat_id).get_attribute("class").split()

    def click_seat(self, driver, seat_id):
        """Clicks a seat as a buyer would: scrolled into the map's view first."""
        element = self.seat(driver, seat_id)
        driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", element)
        element.click()
        self.wait_for(lambda: "sel" in self.seat_classes(driver, seat_id), message="the seat picked")

    def hold_button(self, driver):
        return self.element(driver, ".summary button.btn.big")

    def flash_text(self, driver):
        return driver.execute_script("var f = document.getElementById('flash'); return f ? f.innerText : ''")

    def screenshot(self, driver, name):
        """With BOXOFFICE_SCREENSHOTS=1, saves the page as docs/screenshots/NAME-SIZE.png."""
        if not SCREENSHOTS:
            return
        os.makedirs(SCREENSHOT_DIR, exist_ok=True)
        # Let smooth scrolling and the seat-map pulse settle so the picture is of the page at rest.
        driver.execute_script("document.getAnimations().forEach(function (a) { try { a.finish(); } catch (e) { /* endless */ } })")
        driver.save_screenshot(os.path.join(SCREENSHOT_DIR, "%s-%s.png" % (name, driver.size_name)))
