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
see-all = See all

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
service-unit-price = Unit price
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
sg-sample-category = Design
sg-sample-upgrade-1 = Source files
sg-sample-upgrade-2 = Delivery within 24 hours
sg-sample-review = Great, fast work, beyond my expectations.
sg-sample-reply = Thank you, it was a pleasure!
sg-sample-buyer = Faisal Al-Mutairi
sg-sample-headline = Brand identity and logo designer
