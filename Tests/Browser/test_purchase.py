"""A whole purchase through the buyer's page, from the home page to the ticket's QR code.
With BOXOFFICE_SCREENSHOTS=1 it also saves the pages it passes through (home, seat map,
checkout, ticket) into docs/screenshots/ for the README."""
import uuid

from selenium.webdriver.support.ui import Select

from browser_support import BrowserTest


class PurchaseTests(BrowserTest):
    def test_a_buyer_finds_an_event_picks_a_seat_signs_up_pays_and_gets_a_ticket_with_its_qr_code(self):
        self.each_size(self.buy_a_hamlet_seat)

    def buy_a_hamlet_seat(self, size):
        driver = self.browser(size)

        # Browse: the home page lists the events; searching narrows them to the one we want.
        self.open(driver, "#/")
        self.wait_for(lambda: len(driver.find_elements("css selector", ".event-card")) >= 2, message="the event list")
        self.assert_fits(driver, "the home page")
        self.screenshot(driver, "home")
        search = driver.find_element("css selector", "form.search input[name=q]")
        search.send_keys("Hamlet")
        driver.find_element("css selector", "form.search button[type=submit]").click()
        self.wait_for(lambda: [c.text for c in driver.find_elements("css selector", ".event-card .title")] == ["Hamlet"],
                      message="the search to find Hamlet alone")
        self.click_on(driver, ".event-card")

        # The event page: choose the Orchestra and pick the first seat on sale.
        self.wait_for(lambda: "#/event/" in driver.current_url, message="the event page")
        event_url = driver.current_url
        self.click_on(driver, ".section-card", "Orchestra")
        seat = self.wait_for(lambda: driver.find_elements("css selector", ".seatmap .seat.a"), message="an available seat")[0]
        seat_id = seat.get_attribute("data-id")
        seat_name = seat.accessible_name   # e.g. "Row A, seat 1, $95.00, available"
        row, number = seat_name.split(", ")[0][len("Row "):], seat_name.split(", ")[1][len("seat "):]
        self.click_seat(driver, seat_id)
        summary = driver.find_element("css selector", ".summary")
        self.assertIn("Row %s · Seat %s" % (row, number), summary.text)
        self.assertIn("$95.00", summary.text)
        self.assert_fits(driver, "the seat map")
        self.screenshot(driver, "seatmap")

        # Holding needs an account: the page sends us to sign in, we create one instead.
        self.click_on(driver, ".summary button.btn.big", "Hold 1 seat")
        self.wait_for(lambda: driver.current_url.endswith("#/signin"), message="the sign-in page")
        self.assertIn("Sign in or create an account to hold tickets", self.flash_text(driver))
        self.click_on(driver, ".tabs button", "Create account")
        self.wait_for(lambda: driver.current_url.endswith("#/register"), message="the register page")
        name = self.wait_for(lambda: driver.find_elements("id", "f-name"), message="the name field")[0]
        name.send_keys("Ophelia Tester")
        driver.find_element("id", "f-email").send_keys("ophelia-%s@browser.test" % uuid.uuid4().hex[:10])
        driver.find_element("id", "f-password").send_keys("to-be-or-not")
        driver.find_element("css selector", "form button[type=submit]").click()

        # Back on the event page with the pick kept; hold it.
        self.wait_for(lambda: "#/event/" in driver.current_url, message="the way back to the event")
        self.wait_for(lambda: "Signed in as" in driver.find_element("id", "account").text, message="the account box")
        self.wait_for(lambda: self.element(driver, ".summary button.btn.big", "Hold 1 seat").is_enabled(), message="Hold 1 seat")
        self.click_on(driver, ".summary button.btn.big", "Hold 1 seat")

        # Checkout: the order names the seat; pay with the test card that succeeds.
        self.wait_for(lambda: "#/checkout/" in driver.current_url, message="the checkout page")
        order = self.wait_for(lambda: driver.find_elements("css selector", "table.lines"), message="the order")[0]
        self.assertIn("Orchestra · Row %s, Seat %s" % (row, number), order.text)
        self.assertIn("$95.00", order.text)
        timer = driver.find_element("css selector", ".timer").text
        self.assertRegex(timer, r"^1[45]:\d\d$", "Hamlet holds seats for 15 minutes")
        Select(driver.find_element("id", "card")).select_by_value("pm_card_visa")
        self.assert_fits(driver, "the checkout page")
        self.screenshot(driver, "checkout")
        pay = driver.find_element("css selector", "form button[type=submit]")
        self.assertEqual(pay.text, "Pay $95.00")
        self.click_on(driver, "form button[type=submit]", "Pay $95.00")

        # The ticket, with its QR code drawn.
        ticket = self.wait_for(lambda: driver.find_elements("css selector", "article.ticket"), timeout=15, message="the ticket")[0]
        self.assertIn("Payment received", self.flash_text(driver))
        facts = dict(zip([e.text for e in ticket.find_elements("css selector", "dt")],
                         [e.text for e in ticket.find_elements("css selector", "dd")]))
        self.assertEqual(facts["Section"], "Orchestra")
        self.assertEqual(facts["Seat"], "%s%s" % (row, number))
        self.assertEqual(facts["Holder"], "Ophelia Tester")
        self.assertEqual(facts["Status"].lower(), "valid")
        qr = self.wait_for(lambda: ticket.find_elements("css selector", ".qrimg img"), message="the QR image")[0]
        self.wait_for(lambda: driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", qr),
                      message="the QR image to load")
        self.assertGreater(driver.execute_script("return arguments[0].naturalWidth", qr), 0)
        self.assert_fits(driver, "the ticket")
        driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", ticket)
        self.screenshot(driver, "ticket")

        # The ticket is under My tickets, and the seat is sold on the map.
        ticket_id = ticket.find_element("css selector", ".mono").text.split()[-1]
        self.click_on(driver, "header nav a[data-nav=tickets]")
        self.wait_for(lambda: ticket_id in driver.find_element("id", "view").text, message="the ticket under My tickets")
        driver.get(event_url)
        sold = self.wait_for(lambda: driver.find_elements("css selector", '.seatmap [data-id="%s"]' % seat_id), message="the map again")[0]
        self.assertIn("s", sold.get_attribute("class").split())
        self.assertEqual(sold.accessible_name, "Row %s, seat %s, $95.00, sold" % (row, number))

    def assert_fits(self, driver, what):
        width, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        self.assertLessEqual(width, inner, "%s is %d px wide in a %d px window" % (what, width, inner))
