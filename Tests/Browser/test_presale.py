"""A presale behind a code: the page will not hold without the code, says why, refuses a
wrong code in words, and holds with the right one."""
import uuid

from browser_support import BrowserTest, api, demo_organizer_token, iso, new_buyer, seated_event


class PresaleTests(BrowserTest):
    def test_a_code_presale_holds_only_with_the_code_and_says_so(self):
        self.each_size(self.hold_in_a_presale)

    def hold_in_a_presale(self, size):
        code = "FANS-" + uuid.uuid4().hex[:6].upper()
        event_id, seats = seated_event(
            token=demo_organizer_token(), sale_starts_at=iso(2 * 86400),
            presales=[{"name": "Fan club", "kind": "code", "codes": [code],
                       "starts_at": iso(-3600), "ends_at": iso(2 * 86400)}])
        status, event = api("GET", "/events/" + event_id)
        self.assertEqual((status, event["status"]), (200, "PRESALE"), event)
        seat = [s for s in seats if s["row"] == "B" and s["number"] == 4][0]

        driver = self.browser(size)
        self.sign_in(driver, new_buyer()[2])
        self.open_section(driver, event_id, "Stalls")
        self.assertIn("Presale now on: Fan club. Enter your presale code next to the hold button.",
                      self.element(driver, "#view .alert.info").text)
        self.click_seat(driver, seat["seat_id"])

        # No code: the page does not hold, says what is missing and puts the cursor in the field.
        self.click_on(driver, ".summary button.btn.big", "Hold 1 seat")
        self.wait_for(lambda: "Tickets are only available with a presale code right now. Enter your code to continue."
                      in self.flash_text(driver), message="the missing-code message")
        self.assertEqual(driver.switch_to.active_element.get_attribute("id"), "presale-code")
        self.assertIn("#/event/", driver.current_url)

        # A wrong code: the server refuses it and the page says so, marking the field.
        self.allow_console(r"/api/v1/reservations - Failed to load resource: the server responded with a status of 403")
        field = self.element(driver, "#presale-code")
        field.send_keys("NOT-THE-CODE")
        self.click_on(driver, ".summary button.btn.big", "Hold 1 seat")
        self.wait_for(lambda: "That presale code is not valid for the presale that is open now." in self.flash_text(driver),
                      message="the wrong-code message")
        self.assertEqual(self.element(driver, "#presale-code").get_attribute("aria-invalid"), "true")
        self.assertIn("#/event/", driver.current_url)
        self.assertIn("sel", self.seat_classes(driver, seat["seat_id"]), "the pick is kept for another try")

        # The right code (as a buyer might type it, in lower case): held.
        field = self.element(driver, "#presale-code")
        field.clear()
        field.send_keys(code.lower())
        self.click_on(driver, ".summary button.btn.big", "Hold 1 seat")
        self.wait_for(lambda: "#/checkout/" in driver.current_url, message="the checkout page")
        self.assertIn("Stalls · Row B, Seat 4", self.element(driver, "table.lines").text)
