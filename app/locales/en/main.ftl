# Khidmat's interface in English (the second language).

site-name = Khidmat
site-tagline = The micro-services marketplace
meta-description = Khidmat: an Arabic marketplace for micro-services from $5. Design, programming, writing, translation, marketing and more.
skip-to-content = Skip to content
nav-home = Home
nav-categories = Categories
search-placeholder = Search for a service…
search-button = Search
lang-switch = العربية
lang-switch-label = Change language
footer-about = Khidmat brings businesses and skilled freelancers together. You pay up front; we hold the money until you receive the work and accept it.
footer-categories = Categories
footer-rights = © 2026 Khidmat. All rights reserved.
loading = Loading…

home-hero-title = Get things done with services from $5
home-hero-text = Thousands of skilled sellers in design, programming, writing and marketing. Pay safely: the seller is paid only after you receive the work.
home-categories = Browse categories
home-newest = Newest services
home-top-rated = Top rated

services-count = { $count ->
    [0] No services
    [one] 1 service
   *[other] { $count } services
}
reviews-count = { $count ->
    [0] No reviews
    [one] 1 review
   *[other] { $count } reviews
}
orders-count = { $count ->
    [0] No orders
    [one] 1 order
   *[other] { $count } orders
}
days = { $count ->
    [one] 1 day
   *[other] { $count } days
}
hours = { $count ->
    [0] under an hour
    [one] 1 hour
   *[other] { $count } hours
}
days-ago = { $count ->
    [0] today
    [one] yesterday
   *[other] { $count } days ago
}

price-from = From { $price }
rating-none = No ratings yet
rating-label = Rated { $rating } out of 5
rating-label-short = Rating
sort-label = Sort by
sort-newest = Newest
sort-top-rated = Top rated
sort-best-selling = Best selling
page-previous = Previous
page-next = Next
page-of = Page { $page } of { $total }
category-all = All
category-services = Services in this category
category-empty = No services in this category yet.
category-subcategories = Sub-categories

service-gallery = Service images
service-description = About this service
service-instructions = What the seller needs from you to start
service-tags = Tags
service-price = Service price
service-delivery = Delivery time
service-upgrades = Upgrades for this service
service-no-upgrades = This service has no upgrades.
service-quantity = Quantity
service-total = Total
service-reviews = Buyer reviews
service-no-reviews = This service has no reviews yet.
upgrade-extra = + { $days }
upgrade-no-extra = No extra time
review-seller-reply = Seller's reply
review-on = On: { $title }

level-new = New seller
level-1 = Level 1
level-2 = Level 2
level-top = Top seller
seller-about = About the seller
seller-skills = Skills
seller-member-since = Member since
seller-last-seen = Last seen
seller-response-time = Average response time
seller-services = Services
seller-reviews = Buyer reviews
seller-view-profile = View profile
seller-no-services = This seller has no published services right now.
month-date = { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

not-found-title = Page not found
not-found-text = This page may have been removed or its address changed. Try browsing the categories.
not-found-home = Back to the home page
error-title = This page could not be shown
error-not-found = We could not find what you are looking for.
error-internal = Something went wrong on our side. Incident: { $incident }
error-network = Could not reach the server. Check your connection and try again.

styleguide-title = Style guide
styleguide-intro = Every interface component in Arabic (right to left) and English (left to right), side by side.
sg-colors = Colours
sg-typography = Typography
sg-heading = A page heading
sg-body = Body text: Khidmat is an Arabic marketplace for micro-services, from $5 a service.
sg-buttons = Buttons
sg-button-primary = Primary button
sg-button-secondary = Secondary button
sg-badges = Level badges
sg-rating = Rating
sg-cards = Service cards
sg-pricing = Price calculator
sg-pagination = Pagination
sg-reviews = Reviews
sg-seller = Seller card
sg-categories = Category tiles
sg-states = Empty and error states
sg-sample-title = I will design a professional logo for your business, 3 options
sg-sample-seller = Ahmad Al-Khatib
sg-sample-upgrade-1 = Source files
sg-sample-upgrade-2 = Delivery within 24 hours
sg-sample-review = Great, fast work, beyond my expectations.
sg-sample-reply = Thank you, it was a pleasure!
sg-sample-buyer = Faisal Al-Mutairi
sg-sample-headline = Brand identity and logo designer

# Accounts
nav-login = Log in
nav-signup = Sign up
nav-logout = Log out
nav-favorites = Favorites
nav-my-services = My services
nav-new-service = Add a service
nav-my-page = My public page
nav-settings = Settings
nav-admin-review = Review services
nav-admin-users = Users
login-title = Log in
login-submit = Log in
login-forgot = Forgot your password?
login-no-account = No account yet? Sign up
signup-title = Create an account
signup-lead = One account to buy and to sell.
signup-submit = Create account
signup-have-account = Have an account? Log in
welcome-title = Welcome to Khidmat!
welcome-check-email = We sent a confirmation link to your email. Confirm it to publish your services.
verify-title = Confirm your email
verify-lead = Press the button to confirm your email address.
verify-submit = Confirm my email
verify-done = Your email is confirmed. You can publish services now.
forgot-title = Forgot your password
forgot-lead = Enter your email and we will send you a link to set a new password.
forgot-submit = Send the link
forgot-sent = If this email has an account, a message with a link (valid for one hour) is on its way.
reset-title = Set a new password
reset-submit = Save password
reset-done = Your password is changed. Log in with it now.
field-first-name = First name
field-last-name = Last name
field-email = Email
field-password = Password
field-password-hint = At least 8 characters; avoid common passwords.
field-new-password = New password
field-current-password = Current password
field-username = Username
field-username-hint = Shown in your page's address: English letters, digits, . _ - starting with a letter.
field-display-name = Display name
field-bio = About you
field-skills = Skills
field-list-hint = Separate them with commas.
settings-title = Settings
settings-profile = Profile
settings-avatar = Change picture
settings-password = Password
settings-password-lead = Changing your password ends your sessions on other devices.
settings-password-save = Change password
settings-unverified = Your email is not confirmed yet. Open the link we sent you.
settings-resend = Send the link again
settings-resent = A new link is on its way.
save = Save
saved = Saved.
edit = Edit
pause = Pause
resume = Resume

# Selling
my-services-title = My services
my-services-empty = You have not added a service yet.
status-draft = Draft
status-pending-review = Pending review
status-published = Published
status-paused = Paused
status-rejected = Rejected
rejection-reason = Reason for rejection:
edit-in-review = Your edit is waiting for review; the published version stays visible.
edit-rejected = Your edit was rejected:
editor-new-title = Add a new service
editor-edit-title = Edit service
editor-live-note = This service is published: our team reviews your edit, and the current version stays visible until it is approved.
editor-upgrades = Upgrades
editor-upgrades-lead = Optional extras the buyer can add to the service (up to 10).
editor-add-upgrade = Add an upgrade
editor-remove = Remove
editor-gallery = Gallery
editor-add-image = Add an image
editor-submit = Submit for review
editor-save-draft = Save as draft
field-title = Service title
field-title-hint = 10 to 100 characters that say clearly what you offer.
field-category = Category
field-category-choose = Choose a category
field-description = Description
field-price = Price (US dollars)
field-price-hint = From $5, in steps of $5.
field-days = Delivery time (days)
field-extra-days = Extra days
field-tags = Keywords
field-tags-hint = Up to 5, separated by commas.
field-instructions = Instructions to the buyer
field-instructions-hint = What do you need from the buyer to start?
field-upgrade-title = Upgrade title
upload-progress = Uploading the image

# Moderation
review-title = Review services
review-empty = No service is waiting for review.
review-kind-new = New service
review-kind-edit = Edit of a published service
review-approve = Approve and publish
review-reject = Reject
users-title = Users
user-suspended = Suspended
user-suspend = Suspend
user-reinstate = Reinstate

# Favorites
favorites-title = Favorites
favorites-empty = You have no favorites yet.
favorite-add = Add to favorites
favorite-remove = Remove from favorites

# Search
search-all = All services
search-results-for = Results for “{ $query }”
search-count = { $count ->
    [one] one result
   *[other] { $count } results
}
search-count-more = more than { $count } results
search-empty = No service matches your search. Try other words or fewer filters.
sort-relevance = Most relevant
filters-title = Filter results
filters-apply = Apply
filter-any = Any
filter-level = Seller level
filter-rating = Rating
filter-days = Delivery time
filter-min-price = Min price ($)
filter-max-price = Max price ($)
filter-stars-up = { $count ->
    [one] 1 star and up
   *[other] { $count } stars and up
}
filter-days-within = { $count ->
    [one] Within a day
   *[other] Within { $count } days
}

# Errors and validation
error-login-required = Please log in to continue.
error-forbidden = You are not allowed to do this.
error-invalid = Check the marked fields and try again.
error-throttled = { $count ->
    [one] Too many attempts. Try again in a minute.
   *[other] Too many attempts. Try again in { $count } minutes.
}
error-login-failed = Wrong email or password.
error-account-suspended = This account is suspended. Contact support.
error-link-invalid = This link is invalid, expired or already used.
error-already-verified = Your email is already confirmed.
error-required = This field is required.
error-too-short = This is too short.
error-too-long = This is too long.
error-too-many = Too many items.
error-email-invalid = Enter a valid email, like name@example.com.
error-email-taken = This email already has an account.
error-username-taken = This username is taken; choose another.
error-username-length = Usernames are 3 to 30 characters.
error-username-chars = Use English letters, digits, . _ - and start with a letter.
error-password-short = Too short: at least 8 characters.
error-password-long = Too long: at most 128 characters.
error-password-common = This password is common and easy to guess; choose another.
error-password-wrong = The current password is wrong.
error-category-required = Choose a sub-category for the service.
error-tags-too-many = At most 5 keywords.
error-price-range = Prices are from $5 to $1000.
error-price-step = Prices go in steps of $5 (5, 10, 15…).
error-days-range = From 1 to 90 days.
error-upgrades-too-many = At most 10 upgrades.
error-images-too-many = At most 6 images.
error-image-not-yours = This image cannot be used.
error-upload-type = Unsupported file. Upload a PNG, JPEG, WebP or GIF image.
error-upload-too-large = The image is larger than 5 MB.
error-upload-too-many-pixels = The image has too many pixels: at most 40 megapixels (such as 8000×5000). Shrink it and upload it again.
error-review-outdated = The seller changed this service after you opened it. Reload the page and review the new version.
error-no-secure-random = Your browser has no secure random number generator, so it cannot pay safely. Update it or use another browser.
error-upload-broken = The image could not be read. Try another file.
error-verify-email-first = Confirm your email first, then submit the service for review.
error-service-cap = { $count ->
    [one] You reached your level's limit: one active service.
   *[other] You reached your level's limit: { $count } active services.
}
error-status-change = The service's status cannot change now.
error-nothing-to-review = There is nothing to review in this service.
error-cannot-suspend-admin = Admin accounts cannot be suspended.

## Cart
order-now = Order now
cart-add = Add to cart
cart-added = The service was added to your cart.
cart-go = Go to cart
cart-title = Shopping cart
cart-empty = Your cart is empty.
cart-browse = Browse services
cart-total = Total
cart-fix-lines = Some services in your cart changed or are no longer available. Edit or remove them before paying.
cart-login-to-pay = Log in to complete your purchase; your cart will be kept.
cart-gone-title = A service that no longer exists
cart-accept-price = Accept the new price
cart-remove = Remove
cart-link-label = { $count ->
    [one] 1 service in the cart
   *[other] { $count } services in the cart
}
cart-problem-unavailable = This service can no longer be bought (paused by its seller or deleted).
cart-problem-price = This service's price changed from { $was } to { $now } since you added it.
cart-problem-upgrade = An upgrade you chose is no longer offered. Change your choice.
cart-problem-own = You cannot buy your own service.
cart-own-service = You cannot buy a service you sell.
cart-quantity-invalid = The quantity must be between 1 and 10.
cart-upgrade-invalid = This upgrade is not offered for this service.
cart-full = { $count ->
    [one] The cart holds at most one service.
   *[other] The cart holds at most { $count } services.
}

## Checkout and payment
checkout-title = Checkout
checkout-key-invalid = This payment attempt was not recognized. Reload the page and try again.
checkout-key-reused = This payment attempt was used for a different cart. Reload the page and try again.
checkout-empty = Your cart is empty; there is nothing to pay for.
checkout-cart-changed = Your cart changed since you opened this page. Reload it and review it before paying.
checkout-line-problem = Some services changed or are no longer available. Review your cart before paying.
checkout-insufficient-balance = Your wallet balance does not cover this order. Pay the difference by card or top up your wallet.
payment-declined = The bank declined this card and nothing was charged. Try another card.
payment-unavailable = The payment provider could not be reached and nothing was charged. Try again shortly.
payment-in-progress = An earlier payment is still being processed. Wait a moment, then reload the page.
pay-title = Payment
pay-wallet-balance = Your wallet balance: { $amount }
pay-card-part = Paid by card: { $amount }
pay-button = Pay { $amount }
pay-paying = Paying…
card-title = Card details
card-number = Card number
card-expiry = Expiry date
card-cvc = Security code (CVC)
card-number-invalid = The card number is not valid.
card-expiry-invalid = Write the expiry date as MM/YY.
card-expired = This card has expired.
card-cvc-invalid = The security code has 3 or 4 digits.
sandbox-title = Test mode
sandbox-text = Payments here are a test and no real money moves. Use one of the test cards with any future expiry date and any security code:
sandbox-card-ok = succeeds
sandbox-card-declined = declined by the bank
sandbox-card-network = fails with a network error
receipt-title = Payment successful
receipt-paid-wallet = You paid { $total } from your wallet. We hold the money; the seller gets it only after you receive the work and accept it.
receipt-paid-card = You paid { $total }, { $card } of it by card. We hold the money; the seller gets it only after you receive the work and accept it.
receipt-seller = Seller: { $name }
receipt-next-title = What happens next?
receipt-next-text = Send the seller what they need to start, from the order's page. The delivery time starts when they receive your instructions; if they are late you may cancel and get the full amount back in your wallet.
order-number = Order #{ $id }

## Orders
nav-purchases = My purchases
nav-sales = My sales
nav-wallet = Wallet
purchases-title = My purchases
purchases-empty = You have not bought any service yet.
sales-title = My sales
sales-empty = You have not sold any service yet.
order-seller = Seller
order-buyer = Buyer
order-col-number = Order
order-col-service = Service
order-col-status = Status
order-col-total = Amount
order-col-date = Date
order-status-awaiting-instructions = Awaiting the buyer's instructions
order-status-in-progress = In progress
order-status-delivered = Delivered
order-status-completed = Completed
order-status-disputed = In dispute
order-status-cancelled = Cancelled

## Wallet
wallet-title = Wallet
wallet-available = Available balance
wallet-pending = Pending earnings
wallet-history = History
wallet-history-empty = No movements yet.
wallet-col-date = Date
wallet-col-what = What
wallet-col-amount = Amount
wallet-tx-top-up = Wallet top-up by card
wallet-tx-purchase = Purchase
wallet-tx-refund = Refund
wallet-tx-earnings = Earnings after the 20% site commission
wallet-tx-clearance = Earnings cleared after the holding period
wallet-tx-withdrawal = Withdrawal
wallet-top-up = Top up your balance
wallet-amount = Amount in dollars
wallet-amount-hint = From $5 to $10,000.
wallet-topped-up = Your balance was topped up.
wallet-amount-invalid = Write a valid amount, such as 25 or 12.50.
wallet-amount-too-small = The smallest top-up is $5.
wallet-amount-too-large = The largest top-up is $10,000.
wallet-amount-out-of-range = The amount must be between $5 and $10,000.

## Order lifecycle
nav-admin-disputes = Disputes
nav-admin-withdrawals = Withdrawals
order-admin = Admin
order-system = System
order-span = { $days } and { $hours }
order-due-in = { $time } left
order-late-by = Late by { $time }
order-deadline = Due
order-filter-all = All
order-refunded = { $amount } went back to the buyer
order-cancel-asked-by = The { $who } asked to cancel; the other party has 48 hours to answer (after that it is cancelled).
order-actions = What you can do
order-seller-instructions = The seller's instructions
order-note = Note (required for instructions, deliveries, change requests and reports)
order-split-amount = Amount back to the buyer (USD)
order-timeline = Order history and conversation
order-message = Message
order-message-send = Send message
order-note-required = Write a note explaining your request.
order-note-too-long = The note is longer than 5,000 characters.
contact-email = Your message contains an email address. Contact details cannot be exchanged: talking on Khidmat keeps the payment guaranteed and both sides protected.
contact-phone = Your message contains a phone number. Contact details cannot be exchanged: talking on Khidmat keeps the payment guaranteed and both sides protected.
contact-link = Your message contains a link or a website name. Contact details cannot be exchanged: talking on Khidmat keeps the payment guaranteed and both sides protected.
contact-handle = Your message contains a social-media account. Contact details cannot be exchanged: talking on Khidmat keeps the payment guaranteed and both sides protected.
order-do-send-instructions = Send instructions and start
order-do-deliver = Deliver the work
order-do-accept = Accept and complete
order-do-request-changes = Request changes
order-do-cancel-late = Cancel the late order
order-do-decline = Decline the order
order-do-ask-cancel = Ask to cancel
order-do-agree-cancel = Agree to cancel
order-do-refuse-cancel = Refuse to cancel
order-do-report = Report a problem
order-do-rule-seller = Rule for the seller
order-do-rule-buyer = Rule for the buyer (full refund)
order-do-rule-split = Split the amount
order-do-auto = Automatic step
order-event-placed = The order was paid and its amount is held in escrow.
order-event-message = Message
order-event-instructions = The buyer sent the instructions; the delivery countdown started.
order-event-delivered = The seller delivered the work.
order-event-accepted = The buyer accepted the work; the order is complete.
order-event-changes-requested = The buyer asked for changes.
order-event-cancelled-late = The buyer cancelled the late order; { $amount } went back to them.
order-event-declined = The seller declined the order; { $amount } went back to the buyer.
order-event-cancel-asked = A cancellation was requested.
order-event-cancel-agreed = The other party agreed to cancel; { $amount } went back to the buyer.
order-event-cancel-refused = The cancellation request was refused.
order-event-reported = A problem was reported; the order waits for an admin's decision.
order-event-ruled-seller = The admin ruled for the seller; the order is complete.
order-event-ruled-buyer = The admin ruled for the buyer; { $amount } went back to them.
order-event-ruled-split = The admin split the amount: { $amount } back to the buyer, the rest to the seller.
order-event-auto-accepted = Completed automatically 3 days after delivery without an answer.
order-event-auto-cancelled = Cancelled automatically 48 hours after an unanswered cancellation request; { $amount } went back to the buyer.
error-order-not-yours = This step is not yours to take on this order.
error-order-wrong-state = This cannot be done in the order's current state.
error-order-not-late = The order is not late yet; you can cancel it alone once the deadline passes.
error-order-not-due = It is not time for this step yet.
error-order-cancel-pending = A cancellation request is waiting for an answer.
error-order-no-cancel-request = There is no cancellation request to answer.
error-order-split-invalid = Enter an amount above zero and below the order's total.
error-withdrawal-minimum = The smallest withdrawal is $10.
error-withdrawal-insufficient = Your available balance does not cover this withdrawal.
error-withdrawal-decided = This withdrawal was already decided.
disputes-title = Disputes
disputes-empty = No open disputes.
withdrawals-title = Withdrawal requests
withdrawals-empty = No pending withdrawals.
withdrawal-pay = Mark paid
withdrawal-reason = Reason for rejecting
withdrawal-reject = Reject
wallet-held = Being withdrawn
wallet-pending-earnings = Earnings waiting to clear
wallet-clears-on = clears on { $date }
wallet-withdrawals = Withdrawals
wallet-tx-withdrawal-paid = Withdrawal paid
wallet-tx-withdrawal-returned = Withdrawal rejected, amount returned
withdrawal-status-requested = Under review
withdrawal-status-paid = Paid
withdrawal-status-rejected = Rejected
withdrawal-requested = Your withdrawal was requested and will be reviewed soon.
withdrawal-title = Withdraw your balance
withdrawal-minimum-hint = At least $10, from your available balance.
withdrawal-bank = Bank transfer
withdrawal-holder = Account holder's name
withdrawal-paypal-email = PayPal email
withdrawal-submit = Request withdrawal
withdrawal-iban-invalid = This IBAN is not valid; check it character by character.
withdrawal-holder-invalid = Enter the account holder's name as the bank has it.
order-attach = Attach a file
order-attach-hint = Images, or PDF and ZIP up to 25 MB; only the order's two parties see them.
error-order-file-type = Unsupported file type: attach an image, a PDF or a ZIP.
error-order-file-invalid = One of the attached files does not belong to this order; attach it again.
archive = Delete service
archive-confirm = The service leaves the site and buyers' carts; its past orders stay as they are. Sure?
archive-yes = Yes, delete it
archive-no = Cancel
withdrawal-amount = Amount to withdraw (USD)

## Reviews of orders
review-cancelled-late = The order was cancelled because the seller was late
review-histogram-row = { $stars } stars: { $count }
review-section = Review of this order
review-your-rating = Your rating
review-stars = { $stars ->
    [one] 1 star
   *[other] { $stars } stars
}
review-comment = Your comment (public, on the service's page)
review-comment-hint = 10 to 1,000 characters, no contact details.
review-submit = Publish review
review-save = Save changes
review-rate-until = You can rate until { $date }.
review-edit-until = It can be changed for 24 hours after it is written.
review-written = The buyer's review
review-reply = Your reply to the review (public)
review-reply-submit = Publish reply
review-reply-edit = Edit your reply
review-saved = Saved; it now shows on the service's page.
review-rating-invalid = Choose from one to five stars.
review-comment-length = The comment must be 10 to 1,000 characters long.
review-reply-length = The reply must be 1 to 1,000 characters long.
error-review-not-allowed = This order cannot be reviewed: an order is rated once it is completed, or cancelled because the seller was late.
error-review-window-closed = The time to rate has passed: an order is rated within 14 days of closing.
error-review-final = It was written more than 24 hours ago and can no longer be changed.

## My level
nav-my-level = My level
my-level-title = My seller level
my-level-now = Your level now:
my-level-cap = Active services: { $active } of the { $cap } your level allows.
my-level-at-risk = You no longer meet your level's criteria. You keep it until { $date }; meet them again before then and the risk ends, otherwise you move to the level you meet.
my-level-keep = What your level asks
my-level-next = To reach { $level }
my-level-how = Levels are recomputed every hour. A promotion happens as soon as every criterion is met; a demotion only after 180 days of not meeting them.
my-level-top = You have reached the highest level. Keep meeting its criteria to stay.
level-criterion = Criterion
level-yours = Yours
level-needed = Needed
level-met = Met?
level-yes = Yes
level-no = Not yet
level-clients = Clients
level-clients-what = Different buyers whose orders completed in the last 365 days.
level-rating = Rating
level-rating-what = Your average rating from buyers, as your page shows it.
level-completion = Completion rate
level-completion-what = Completed orders among closed ones (completed or cancelled) in the last 365 days.
level-response = Response time
level-response-what = Median time to your first answer on orders and on buyers' questions before an order, in the last 90 days.

## Notifications
notifications-title = Notifications
notifications-empty = No notifications yet.
notifications-label = { $count ->
    [0] Notifications: nothing new
    [one] 1 new notification
   *[other] { $count } new notifications
}
notice-order-placed = A new order for your service
notice-review-received = The buyer rated the order
notice-review-replied = The seller replied to your review
notice-withdrawal-paid = Your withdrawal was paid
notice-withdrawal-rejected = Your withdrawal was rejected and the amount is back in your balance
notice-message = A new message

# Messages
nav-messages = Messages
messages-title = Messages
messages-label = { $count ->
    [0] Messages: nothing new
    [one] 1 conversation with new messages
   *[other] { $count } conversations with new messages
}
messages-unread = { $count ->
    [one] 1 unread message
   *[other] { $count } unread messages
}
messages-empty = No conversations yet. Ask a seller about any service before you order, with "Contact the seller" on its page.
messages-you = You
messages-files-only = Files attached
messages-with-seller = Conversation with the seller { $name }
messages-with-asker = Conversation with { $name }
messages-about = About:
messages-profile = Profile
messages-your-message = Your message
messages-contact-seller = Contact the seller
messages-contact-title = Write to { $name }
messages-contact-hint = Ask about the details before you order. Exchanging contact details (phone, email, links, accounts) is not allowed: talking here keeps you protected.
messages-log-in-to-write = Log in to write to the seller
message-required = Write your message or attach a file.
message-too-long = The message is longer than 2,000 characters.
error-message-own-service = This is your service: you cannot write to yourself.
settings-mail-title = Email
settings-mail-hint = Choose what reaches you by email. Notifications on the site always arrive.
settings-mail-orders = Steps of my orders (bought and sold)
settings-mail-messages = New messages before an order
settings-mail-reviews = Reviews and replies to them
settings-mail-wallet = Withdrawals from my balance
settings-mail-save = Save my choice
settings-mail-saved = Your choice is saved.
mail-open = Open it here:
mail-preferences = To choose which emails you get:
notice-request-approved = Your request is published and taking offers
notice-request-rejected = Your request was not approved
notice-offer-received = A new offer on your request
notice-offer-accepted = The buyer chose your offer and the order started
notice-request-closed = A request you made an offer on was closed

# Buyer requests
nav-requests = Service requests
nav-my-requests = My requests
requests-title = Service requests
requests-lead = Needs nobody found a published service for. Offer one of your services at a price and time that fit.
requests-new = Post a request
requests-new-lead = Describe what you need and your budget; sellers' offers arrive once the request is reviewed. It stays open for 14 days.
requests-post = Send the request for review
requests-log-in = Log in to post a request
requests-search = Search requests
requests-any-category = All categories
requests-budget-at-least = Budget of at least ($)
requests-empty = No open request matches your search right now.
my-requests-title = My requests
my-requests-empty = You have not posted a request yet.
request-budget = Budget
request-offers-count = { $count ->
    [0] No offers
    [one] 1 offer
   *[other] { $count } offers
}
request-status-pending = Waiting for review
request-status-open = Open for offers
request-status-rejected = Rejected
request-status-closed = Closed
request-status-ordered = Ordered
request-status-expired = Expired
request-open-until = Takes offers until { $date }
request-pending-note = Your request is waiting for review; sellers see it once it is approved.
request-rejected-because = The request was not approved:
request-description = What is needed
request-no-offers = No offers yet. You are notified of each one.
request-close = Close the request
request-delete = Delete the request
request-your-offer = Your offer
request-log-in-to-offer = Log in to make an offer
request-queue-title = Service requests waiting for review
request-field-title = Title
request-field-description = What do you need?
request-field-description-hint = The details a seller needs to make a fitting offer, without contact details.
request-field-budget-min = Budget from ($)
request-field-budget-max = to ($)
request-field-budget-hint = In multiples of $5
request-budget-invalid = Enter a multiple of $5, from $5 to $10,000.
request-budget-order = The upper limit is below the lower one.
request-days-invalid = Enter a number of days from 1 to 90.
request-offer-service = Choose one of your published services.
offer-make = Make your offer
offer-edit = Change your offer
offer-service = The service you offer
offer-price = Price for this request ($)
offer-price-hint = Leave empty for the service's price; multiples of $5.
offer-note = Your note to the buyer
offer-send = Send the offer
offer-save = Save the change
offer-saved = Your offer is saved.
offer-no-services = To make an offer, publish a service first, then choose it here.
offer-order = Order this offer
offer-ask = Ask the seller
offer-status-accepted = The buyer chose this offer
offer-status-closed = Offer closed
error-request-not-open = This request no longer takes offers.
error-request-own = This is your request: you cannot make an offer on it.
error-offer-exists = You already made an offer on this request; you can change it.
error-offer-daily-cap = { $count ->
    [one] You reached your level's daily limit of offers (1 a day).
   *[other] You reached your level's daily limit of offers ({ $count } a day).
}
error-offer-changed = The offer or the request changed since you opened the page. Reload it.
request-attach-title = Files for the request
request-files-full = A request takes at most 3 files.
request-attach-hint = Images, or PDF and ZIP up to 25 MB; members who can see the request see them.
messages-attach-hint = Images, or PDF and ZIP up to 25 MB; only the two of you see them.
