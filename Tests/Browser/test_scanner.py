"""The door scanner page (/scanner/): door staff sign in on the page, check tickets online
(VALID, then ALREADY USED with the first scan's time; WRONG EVENT; FORGED), lose the
connection, keep checking offline (signatures verified in the browser, answers from the
downloaded check-in list, scans queued), and when the connection is back the queue goes up in
one batch, with the scan another door made first shown as a conflict."""
import unittest
import uuid

from selenium.webdriver.support.ui import Select

from browser_support import BASE, BrowserTest, api, buyer_token, organizer_token, seated_event

OFFLINE_ERRORS = r"ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR"


def buy(event_id, seats, token):
    """Holds and pays for these seats; returns the tickets (with qr_code)."""
    status, reservation = api("POST", "/reservations", {"event_id": event_id, "seat_ids": [s["seat_id"] for s in seats]},
                              token=token)
    assert status == 201, reservation
    status, paid = api("POST", "/reservations/%s/confirm" % reservation["reservation_id"],
                       {"payment_method_id": "pm_card_visa"}, token=token)
    assert status == 200, paid
    return sorted(paid["tickets"], key=lambda t: t["seat"])


def tamper(code):
    """The same code with one character of its signature changed."""
    last = code[-5]
    return code[:-5] + ("B" if last == "A" else "A") + code[-4:]


class ScannerTests(BrowserTest):
    def setUp(self):
        super().setUp()
        self.organizer = organizer_token()
        self.event_id, seats = seated_event(rows=(("A", 8),), token=self.organizer)
        self.buyer = buyer_token()
        self.tickets = buy(self.event_id, seats[:6], self.buyer)
        other_id, other_seats = seated_event(rows=(("A", 2),), token=self.organizer)
        self.elsewhere = buy(other_id, other_seats[:1], self.buyer)[0]
        self.door_email = "door-%s@browser.test" % uuid.uuid4().hex[:10]
        status, door = api("POST", "/staff", {"email": self.door_email, "password": "door-pass-1234", "name": "North Door"},
                           token=self.organizer)
        self.assertEqual(status, 201, door)

    # ----- the page -----

    def open_scanner(self, driver):
        driver.get(BASE + "/scanner")
        self.wait_for(lambda: driver.execute_script("return document.readyState === 'complete'"), message="the page to load")
        self.element(driver, "#signin-form")
        driver.find_element("id", "email").send_keys(self.door_email)
        driver.find_element("id", "password").send_keys("door-pass-1234")
        self.click_on(driver, "#signin-button")
        self.wait_for(lambda: driver.find_element("id", "door").is_displayed(), message="the door view")
        self.wait_for(lambda: self.event_id in [o.get_attribute("value") for o in driver.find_elements("css selector", "#event option")],
                      message="the organizer's events offered")
        Select(driver.find_element("id", "event")).select_by_value(self.event_id)
        self.wait_for(lambda: "Offline list:" in driver.find_element("id", "list-state").text,
                      message="the check-in list downloaded")

    def scan(self, driver, code):
        """Pastes a code, checks it, and returns the answer's word once the page shows it."""
        field = driver.find_element("id", "code")
        before = driver.execute_script("return document.getElementById('result').textContent")
        driver.execute_script("document.getElementById('result').setAttribute('data-result', 'PENDING')")
        field.clear()
        field.send_keys(code)
        self.click_on(driver, "#scan-form button[type=submit]")
        self.wait_for(lambda: driver.find_element("id", "result").get_attribute("data-result") != "PENDING",
                      message="an answer to %s (was %r)" % (code[:12], before))
        return driver.find_element("id", "result").get_attribute("data-result")

    def result_text(self, driver):
        return driver.find_element("id", "result").text

    def set_offline(self, driver, offline):
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                               {"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})

    def ticket_status(self, ticket):
        status, body = api("GET", "/tickets/%s" % ticket["ticket_id"], token=self.buyer)
        self.assertEqual(status, 200, body)
        return body["status"]

    # ----- the tests -----

    def test_online_valid_then_already_used_wrong_event_and_forged(self):
        self.allow_console(OFFLINE_ERRORS)

        def run(size):
            driver = self.browser(size)
            self.open_scanner(driver)
            index = 0 if size == "desktop" else 1
            first = self.tickets[index]
            self.assertEqual(self.scan(driver, first["qr_code"]), "VALID")
            self.assertIn("VALID", self.result_text(driver))
            self.assertIn(first["seat"], self.result_text(driver))
            self.assertEqual(self.ticket_status(first), "USED")
            self.assertEqual(self.scan(driver, first["qr_code"]), "ALREADY_USED")
            self.assertIn("ALREADY USED", self.result_text(driver))
            self.assertIn("First scanned at", self.result_text(driver))
            self.assertEqual(self.scan(driver, self.elsewhere["qr_code"]), "WRONG_EVENT")
            self.assertEqual(self.scan(driver, tamper(self.tickets[5]["qr_code"])), "FORGED")
            self.assertEqual(self.ticket_status(self.tickets[5]), "ACTIVE", "a forged scan changes nothing")
            # Nothing on the page is wider than the screen.
            self.assertLessEqual(driver.execute_script("return document.documentElement.scrollWidth"),
                                 driver.execute_script("return window.innerWidth"))
            self.screenshot(driver, "scanner")

        self.each_size(run)

    def test_offline_scans_are_checked_in_the_browser_queued_and_synced_later(self):
        self.allow_console(OFFLINE_ERRORS)

        def run(size):
            driver = self.browser(size)
            self.open_scanner(driver)
            # Two tickets per size: one only this door scans, one another door scans first.
            mine, contested = (self.tickets[2], self.tickets[3]) if size == "desktop" else (self.tickets[4], self.tickets[5])
            self.set_offline(driver, True)
            self.assertEqual(self.scan(driver, mine["qr_code"]), "VALID")
            self.assertIn("Checked offline", self.result_text(driver))
            self.assertIn(mine["seat"], self.result_text(driver), "the seat comes from the downloaded list")
            self.assertEqual(self.scan(driver, mine["qr_code"]), "ALREADY_USED", "the device remembers its own scans")
            self.assertEqual(self.scan(driver, tamper(contested["qr_code"])), "FORGED", "the signature is checked offline")
            self.assertEqual(self.scan(driver, self.elsewhere["qr_code"]), "WRONG_EVENT")
            self.assertEqual(self.ticket_status(mine), "ACTIVE", "nothing reached the server yet")

            # Another door, online, admits the contested ticket first.
            status, answer = api("POST", "/checkin", {"qr_code": contested["qr_code"], "event_id": self.event_id},
                                 token=self.organizer)
            self.assertEqual((status, answer["result"]), (200, "VALID"))
            self.assertEqual(self.scan(driver, contested["qr_code"]), "VALID", "this device's list does not know yet")
            self.assertEqual(driver.find_element("id", "queue-state").get_attribute("data-waiting"), "2")
            self.assertIn("2 scans waiting to upload", driver.find_element("id", "queue-state").text)
            self.screenshot(driver, "scanner-offline")

            self.set_offline(driver, False)
            self.wait_for(lambda: driver.find_element("id", "queue-state").get_attribute("data-waiting") == "0",
                          timeout=15, message="the queued scans uploaded")
            self.assertEqual(self.ticket_status(mine), "USED")
            upload = driver.find_element("id", "upload-state").text
            self.assertIn("Uploaded 2 scans made offline", upload)
            self.assertIn("1 need a look", upload)
            conflicts = driver.find_elements("css selector", "#conflicts li")
            self.assertEqual(len(conflicts), 1)
            self.assertEqual(conflicts[0].get_attribute("data-result"), "ALREADY_USED")
            self.assertIn(contested["seat"], conflicts[0].text)
            self.assertIn("another door", conflicts[0].text)
            # Back online, a scan goes to the server again.
            self.assertEqual(self.scan(driver, mine["qr_code"]), "ALREADY_USED")
            self.assertNotIn("Checked offline", self.result_text(driver))

        self.each_size(run)


if __name__ == "__main__":
    unittest.main()
