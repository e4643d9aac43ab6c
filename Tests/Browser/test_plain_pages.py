"""With JavaScript switched off in the browser, a buyer still browses: the catalogue at
/events filters by a search and pages on, an event's page lists its sections, prices and
what is left, and the app's own page points there."""
import unittest
import uuid

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from browser_support import BASE, CHROMEDRIVER, CHROMIUM, SIZES, BrowserTest, api, organizer_token


class PlainPagesTests(BrowserTest):
    def browser_without_javascript(self, size):
        options = webdriver.ChromeOptions()
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
            options.add_argument(flag)
        width, height = SIZES[size]
        options.add_argument("--window-size=%d,%d" % (width, height))
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
        options.binary_location = CHROMIUM
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        driver.size_name = size
        self.drivers.append(driver)
        return driver

    def test_browsing_and_an_event_work_without_javascript(self):
        token = organizer_token()
        word = "Plainsong%s" % uuid.uuid4().hex[:6]
        body = {"title": "%s <i>Night</i>" % word, "artist": "The Unscripted", "category": "concert",
                "venue": {"name": "Quiet Hall", "city": "Springfield"}, "starts_at": "2031-07-01T20:00:00Z",
                "sections": [{"name": "Stalls", "kind": "seated", "price_cents": 4200, "rows": [{"label": "A", "seats": 10}]},
                             {"name": "Standing", "kind": "general_admission", "price_cents": 2500, "capacity": 300}]}
        status, event = api("POST", "/events", body, token=token)
        self.assertEqual(status, 201, event)

        def run(size):
            driver = self.browser_without_javascript(size)
            driver.get(BASE + "/")
            # Scripts are off: the app draws nothing, and its page says where to go instead.
            self.assertEqual(driver.find_elements("css selector", "#view > *"), [])
            self.element(driver, "noscript a[href='/events']").click()
            self.element(driver, "h1", "Events")
            field = driver.find_element("id", "q")
            field.send_keys(word)
            self.click_on(driver, ".plain-filters button[type=submit]")
            self.wait_for(lambda: "q=" + word in driver.current_url, message="the search submitted as a plain form")
            cards = driver.find_elements("css selector", ".plain-event")
            self.assertEqual(len(cards), 1)
            self.assertIn("%s <i>Night</i>" % word, cards[0].text, "the title is shown as text, not markup")
            self.assertIn("From USD 25.00", cards[0].text)
            self.assertIn("310 tickets left", cards[0].text)
            self.click_on(driver, ".plain-event h2 a")
            self.element(driver, "h1", "%s <i>Night</i>" % word)
            rows = [r.text for r in driver.find_elements("css selector", ".plain-sections tbody tr")]
            self.assertEqual(rows, ["Stalls Reserved seats USD 42.00 10 of 10", "Standing General admission USD 25.00 300 of 300"])
            self.assertTrue(driver.find_element("link text", "Choose seats").get_attribute("href").endswith("/#/event/" + event["event_id"]))
            self.assertLessEqual(driver.execute_script("return document.documentElement.scrollWidth"),
                                 driver.execute_script("return window.innerWidth"))
            self.screenshot(driver, "plain-event")

        self.each_size(run)


if __name__ == "__main__":
    unittest.main()
