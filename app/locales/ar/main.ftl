# واجهة خدمات بالعربية (اللغة الافتراضية).
# الأعداد تستخدم صيغ الجمع الست في العربية: zero, one, two, few, many, other.

site-name = خدمات
site-tagline = سوق الخدمات المصغرة
meta-description = خدمات: سوق عربي للخدمات المصغرة يبدأ من 5 دولارات. تصميم، برمجة، كتابة، ترجمة، تسويق والمزيد.
skip-to-content = تخطَّ إلى المحتوى
nav-home = الرئيسية
nav-categories = الأقسام
search-placeholder = ابحث عن خدمة…
search-button = بحث
lang-switch = English
lang-switch-label = تغيير اللغة
footer-about = خدمات سوق عربي يجمع أصحاب المشاريع بمقدمي الخدمات المحترفين. تدفع مقابل الخدمة مسبقًا، ويحتفظ الموقع بالمبلغ حتى تستلم العمل وتوافق عليه.
footer-categories = الأقسام
footer-rights = © 2026 خدمات. جميع الحقوق محفوظة.
loading = جارٍ التحميل…

home-hero-title = أنجز أعمالك بخدمات تبدأ من 5 دولارات
home-hero-text = آلاف البائعين المحترفين في التصميم والبرمجة والكتابة والتسويق. ادفع بأمان، ولا يُحوَّل المبلغ للبائع إلا بعد استلامك العمل.
home-categories = تصفح الأقسام
home-newest = أحدث الخدمات
home-top-rated = الأعلى تقييمًا

services-count = { $count ->
    [zero] لا توجد خدمات
    [one] خدمة واحدة
    [two] خدمتان
    [few] { $count } خدمات
    [many] { $count } خدمة
   *[other] { $count } خدمة
}
reviews-count = { $count ->
    [zero] لا تقييمات
    [one] تقييم واحد
    [two] تقييمان
    [few] { $count } تقييمات
    [many] { $count } تقييمًا
   *[other] { $count } تقييم
}
orders-count = { $count ->
    [zero] لا طلبات
    [one] طلب واحد
    [two] طلبان
    [few] { $count } طلبات
    [many] { $count } طلبًا
   *[other] { $count } طلب
}
days = { $count ->
    [zero] لا أيام
    [one] يوم واحد
    [two] يومان
    [few] { $count } أيام
    [many] { $count } يومًا
   *[other] { $count } يوم
}
hours = { $count ->
    [zero] أقل من ساعة
    [one] ساعة واحدة
    [two] ساعتان
    [few] { $count } ساعات
    [many] { $count } ساعة
   *[other] { $count } ساعة
}
days-ago = { $count ->
    [zero] اليوم
    [one] منذ يوم
    [two] منذ يومين
    [few] منذ { $count } أيام
    [many] منذ { $count } يومًا
   *[other] منذ { $count } يوم
}

price-from = يبدأ من { $price }
rating-none = لا تقييمات بعد
rating-label = التقييم { $rating } من 5
rating-label-short = التقييم
sort-label = ترتيب حسب
sort-newest = الأحدث
sort-top-rated = الأعلى تقييمًا
sort-best-selling = الأكثر مبيعًا
page-previous = السابق
page-next = التالي
page-of = صفحة { $page } من { $total }
category-all = الكل
category-services = خدمات هذا القسم
category-empty = لا توجد خدمات في هذا القسم بعد.
category-subcategories = الأقسام الفرعية

service-gallery = صور الخدمة
service-description = وصف الخدمة
service-instructions = ما يحتاجه البائع منك لبدء العمل
service-tags = الوسوم
service-price = سعر الخدمة
service-delivery = مدة التسليم
service-upgrades = تطويرات متاحة لهذه الخدمة
service-no-upgrades = لا توجد تطويرات لهذه الخدمة.
service-quantity = الكمية
service-total = الإجمالي
service-reviews = آراء المشترين
service-no-reviews = لا توجد تقييمات لهذه الخدمة بعد.
upgrade-extra = + { $days }
upgrade-no-extra = دون زيادة في المدة
review-seller-reply = رد البائع
review-on = على خدمة: { $title }

level-new = بائع جديد
level-1 = المستوى الأول
level-2 = المستوى الثاني
level-top = بائع مميز
seller-about = نبذة عن البائع
seller-skills = المهارات
seller-member-since = عضو منذ
seller-last-seen = آخر تواجد
seller-response-time = متوسط سرعة الرد
seller-services = خدمات البائع
seller-reviews = تقييمات المشترين
seller-view-profile = عرض الملف الشخصي
seller-no-services = لا توجد خدمات منشورة لهذا البائع حاليًا.
month-date = { $month } { $year }
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر

not-found-title = الصفحة غير موجودة
not-found-text = ربما حُذفت هذه الصفحة أو تغيّر رابطها. جرّب البحث أو تصفح الأقسام.
not-found-home = العودة إلى الرئيسية
error-title = تعذّر عرض الصفحة
error-not-found = لم نجد ما تبحث عنه.
error-internal = حدث خطأ غير متوقع من جهتنا. رمز المشكلة: { $incident }
error-network = تعذّر الاتصال بالخادم. تحقق من اتصالك وحاول مرة أخرى.

styleguide-title = دليل التصميم
styleguide-intro = كل مكونات الواجهة بالعربية (من اليمين إلى اليسار) وبالإنجليزية (من اليسار إلى اليمين) جنبًا إلى جنب.
sg-colors = الألوان
sg-typography = الخطوط
sg-heading = عنوان رئيسي للصفحة
sg-body = نص الفقرة: خدمات سوق عربي للخدمات المصغرة، يبدأ سعر الخدمة من 5 دولارات.
sg-buttons = الأزرار
sg-button-primary = زر أساسي
sg-button-secondary = زر ثانوي
sg-badges = شارات المستوى
sg-rating = التقييم
sg-cards = بطاقات الخدمات
sg-pricing = حاسبة السعر
sg-pagination = الترقيم
sg-reviews = التقييمات
sg-seller = بطاقة البائع
sg-categories = بطاقات الأقسام
sg-states = حالات فارغة وأخطاء
sg-sample-title = سأصمم شعاراً احترافياً لمشروعك بـ 3 خيارات
sg-sample-seller = أحمد الخطيب
sg-sample-upgrade-1 = ملفات المصدر
sg-sample-upgrade-2 = تسليم خلال 24 ساعة
sg-sample-review = عمل رائع وسريع، تجاوز توقعاتي.
sg-sample-reply = شكرًا لك، سعدت بالعمل معك!
sg-sample-buyer = فيصل المطيري
sg-sample-headline = مصمم هويات بصرية وشعارات

# الحسابات
nav-login = تسجيل الدخول
nav-signup = حساب جديد
nav-logout = تسجيل الخروج
nav-favorites = المفضلة
nav-my-services = خدماتي
nav-new-service = أضف خدمة
nav-my-page = صفحتي العامة
nav-settings = الإعدادات
nav-admin-review = مراجعة الخدمات
nav-admin-users = المستخدمون
login-title = تسجيل الدخول
login-submit = دخول
login-forgot = نسيت كلمة المرور؟
login-no-account = ليس لديك حساب؟ أنشئ حسابًا
signup-title = إنشاء حساب جديد
signup-lead = حساب واحد للشراء والبيع معًا.
signup-submit = إنشاء الحساب
signup-have-account = لديك حساب؟ سجّل الدخول
welcome-title = أهلًا بك في خدمات!
welcome-check-email = أرسلنا رابط تأكيد إلى بريدك الإلكتروني. أكّد بريدك لتتمكن من نشر خدماتك.
verify-title = تأكيد البريد الإلكتروني
verify-lead = اضغط الزر لتأكيد بريدك الإلكتروني.
verify-submit = تأكيد بريدي
verify-done = تم تأكيد بريدك الإلكتروني. يمكنك الآن نشر خدماتك.
forgot-title = نسيت كلمة المرور
forgot-lead = أدخل بريدك الإلكتروني وسنرسل لك رابطًا لتعيين كلمة مرور جديدة.
forgot-submit = أرسل الرابط
forgot-sent = إن كان هذا البريد مسجلًا لدينا فستصلك رسالة فيها رابط صالح لساعة واحدة.
reset-title = تعيين كلمة مرور جديدة
reset-submit = حفظ كلمة المرور
reset-done = تم تغيير كلمة المرور. سجّل الدخول بها الآن.
field-first-name = الاسم الأول
field-last-name = اسم العائلة
field-email = البريد الإلكتروني
field-password = كلمة المرور
field-password-hint = 8 أحرف على الأقل، وتجنب كلمات المرور الشائعة.
field-new-password = كلمة المرور الجديدة
field-current-password = كلمة المرور الحالية
field-username = اسم المستخدم
field-username-hint = يظهر في رابط صفحتك: حروف إنجليزية وأرقام و . _ - ويبدأ بحرف.
field-display-name = الاسم الظاهر
field-bio = نبذة عنك
field-skills = المهارات
field-list-hint = افصل بينها بفاصلة.
settings-title = الإعدادات
settings-profile = الملف الشخصي
settings-avatar = تغيير الصورة الشخصية
settings-password = كلمة المرور
settings-password-lead = عند تغيير كلمة المرور تنتهي جلساتك على الأجهزة الأخرى.
settings-password-save = تغيير كلمة المرور
settings-unverified = لم تؤكد بريدك الإلكتروني بعد. افتح الرابط الذي أرسلناه إليك.
settings-resend = أعد إرسال الرابط
settings-resent = أرسلنا رابطًا جديدًا.
save = حفظ
saved = تم الحفظ.
edit = تعديل
pause = إيقاف مؤقت
resume = تفعيل

# الخدمات (البائع)
my-services-title = خدماتي
my-services-empty = لم تضف أي خدمة بعد.
status-draft = مسودة
status-pending-review = بانتظار المراجعة
status-published = منشورة
status-paused = موقوفة مؤقتًا
status-rejected = مرفوضة
rejection-reason = سبب الرفض:
edit-in-review = تعديلك بانتظار المراجعة، والنسخة المنشورة ما زالت ظاهرة.
edit-rejected = رُفض تعديلك:
editor-new-title = إضافة خدمة جديدة
editor-edit-title = تعديل الخدمة
editor-live-note = هذه الخدمة منشورة: سيراجع فريقنا تعديلك، وتبقى النسخة الحالية ظاهرة حتى الموافقة.
editor-upgrades = التطويرات
editor-upgrades-lead = إضافات اختيارية يشتريها المشتري مع الخدمة (حتى 10).
editor-add-upgrade = أضف تطويرًا
editor-remove = حذف
editor-gallery = معرض الصور
editor-add-image = أضف صورة
editor-submit = أرسل للمراجعة
editor-save-draft = احفظ كمسودة
field-title = عنوان الخدمة
field-title-hint = من 10 إلى 100 حرف، يصف ما ستقدمه بوضوح.
field-category = التصنيف
field-category-choose = اختر التصنيف
field-description = وصف الخدمة
field-price = السعر (بالدولار)
field-price-hint = من 5 دولارات، بمضاعفات الخمسة.
field-days = مدة التسليم (أيام)
field-extra-days = أيام إضافية
field-tags = الكلمات المفتاحية
field-tags-hint = حتى 5 كلمات، افصل بينها بفاصلة.
field-instructions = تعليمات للمشتري
field-instructions-hint = ما الذي تحتاجه من المشتري لتبدأ العمل؟
field-upgrade-title = عنوان التطوير
upload-progress = جارٍ رفع الصورة

# المراجعة والإدارة
review-title = مراجعة الخدمات
review-empty = لا توجد خدمات بانتظار المراجعة.
review-kind-new = خدمة جديدة
review-kind-edit = تعديل خدمة منشورة
review-approve = قبول ونشر
review-reject = رفض
users-title = المستخدمون
user-suspended = موقوف
user-suspend = إيقاف الحساب
user-reinstate = إعادة التفعيل

# المفضلة
favorites-title = المفضلة
favorites-empty = لم تضف أي خدمة إلى المفضلة بعد.
favorite-add = أضف إلى المفضلة
favorite-remove = أزل من المفضلة

# البحث
search-all = كل الخدمات
search-results-for = نتائج البحث عن «{ $query }»
search-count = { $count ->
    [zero] لا توجد نتائج
    [one] نتيجة واحدة
    [two] نتيجتان
    [few] { $count } نتائج
    [many] { $count } نتيجة
   *[other] { $count } نتيجة
}
search-count-more = أكثر من { $count } نتيجة
search-empty = لم نجد خدمات تطابق بحثك. جرّب كلمات أخرى أو خفّف عوامل التصفية.
sort-relevance = الأكثر صلة
filters-title = تصفية النتائج
filters-apply = طبّق
filter-any = الكل
filter-level = مستوى البائع
filter-rating = التقييم
filter-days = مدة التسليم
filter-min-price = أقل سعر ($)
filter-max-price = أعلى سعر ($)
filter-stars-up = { $count ->
    [one] نجمة فأكثر
    [two] نجمتان فأكثر
    [few] { $count } نجوم فأكثر
   *[other] { $count } نجمة فأكثر
}
filter-days-within = { $count ->
    [one] خلال يوم
    [two] خلال يومين
    [few] خلال { $count } أيام
   *[other] خلال { $count } يومًا
}

# الأخطاء والتحقق
error-login-required = سجّل الدخول أولًا للمتابعة.
error-forbidden = ليست لديك صلاحية لهذا الإجراء.
error-invalid = راجع الحقول المعلَّمة ثم حاول مرة أخرى.
error-throttled = { $count ->
    [one] محاولات كثيرة. حاول مرة أخرى بعد دقيقة.
    [two] محاولات كثيرة. حاول مرة أخرى بعد دقيقتين.
    [few] محاولات كثيرة. حاول مرة أخرى بعد { $count } دقائق.
   *[other] محاولات كثيرة. حاول مرة أخرى بعد { $count } دقيقة.
}
error-login-failed = البريد الإلكتروني أو كلمة المرور غير صحيحة.
error-account-suspended = هذا الحساب موقوف. تواصل مع فريق الدعم.
error-link-invalid = الرابط غير صالح أو انتهت صلاحيته أو استُخدم من قبل.
error-already-verified = بريدك مؤكد بالفعل.
error-required = هذا الحقل مطلوب.
error-too-short = النص أقصر من المطلوب.
error-too-long = النص أطول من المسموح.
error-too-many = العدد أكبر من المسموح.
error-email-invalid = اكتب بريدًا إلكترونيًا صحيحًا، مثل name@example.com.
error-email-taken = هذا البريد مسجل لدينا بالفعل.
error-username-taken = اسم المستخدم هذا محجوز، اختر غيره.
error-username-length = اسم المستخدم من 3 إلى 30 حرفًا.
error-username-chars = استخدم حروفًا إنجليزية وأرقامًا و . _ - وابدأ بحرف.
error-password-short = كلمة المرور قصيرة: 8 أحرف على الأقل.
error-password-long = كلمة المرور طويلة: 128 حرفًا على الأكثر.
error-password-common = كلمة المرور هذه شائعة ويسهل تخمينها، اختر غيرها.
error-password-wrong = كلمة المرور الحالية غير صحيحة.
error-category-required = اختر تصنيفًا فرعيًا للخدمة.
error-tags-too-many = 5 كلمات مفتاحية على الأكثر.
error-price-range = السعر من 5 إلى 1000 دولار.
error-price-step = السعر بمضاعفات 5 دولارات (5، 10، 15…).
error-days-range = المدة من 1 إلى 90 يومًا.
error-upgrades-too-many = 10 تطويرات على الأكثر.
error-images-too-many = 6 صور على الأكثر.
error-image-not-yours = لا يمكن استخدام هذه الصورة.
error-upload-type = نوع الملف غير مدعوم. ارفع صورة PNG أو JPEG أو WebP أو GIF.
error-upload-too-large = حجم الصورة أكبر من 5 ميغابايت.
error-upload-too-many-pixels = أبعاد الصورة كبيرة جدًا: الحد 40 ميغابكسل (مثل 8000×5000). صغّرها ثم ارفعها.
error-review-outdated = عدّل البائع الخدمة بعد أن فتحتَها للمراجعة. أعد تحميل الصفحة وراجع النسخة الجديدة.
error-no-secure-random = لا يوفّر متصفحك مولّدًا آمنًا للأرقام العشوائية، فلا يمكن الدفع منه بأمان. حدّث المتصفح أو استخدم متصفحًا آخر.
error-upload-broken = تعذّرت قراءة الصورة. جرّب ملفًا آخر.
error-verify-email-first = أكّد بريدك الإلكتروني أولًا، ثم أرسل الخدمة للمراجعة.
error-service-cap = { $count ->
    [one] بلغت الحد الأقصى لمستواك: خدمة واحدة نشطة.
    [two] بلغت الحد الأقصى لمستواك: خدمتان نشطتان.
    [few] بلغت الحد الأقصى لمستواك: { $count } خدمات نشطة.
   *[other] بلغت الحد الأقصى لمستواك: { $count } خدمة نشطة.
}
error-status-change = لا يمكن تغيير حالة الخدمة الآن.
error-nothing-to-review = لا يوجد ما يُراجع في هذه الخدمة.
error-cannot-suspend-admin = لا يمكن إيقاف حساب مشرف.

## Cart
order-now = اطلب الآن
cart-add = أضف إلى السلة
cart-added = أُضيفت الخدمة إلى سلتك.
cart-go = اذهب إلى السلة
cart-title = سلة المشتريات
cart-empty = سلتك فارغة.
cart-browse = تصفّح الخدمات
cart-total = الإجمالي
cart-fix-lines = بعض الخدمات في سلتك تغيّرت أو لم تعد متاحة. عدّلها أو احذفها قبل الدفع.
cart-login-to-pay = سجّل الدخول لإتمام الشراء، وستبقى سلتك كما هي.
cart-gone-title = خدمة لم تعد موجودة
cart-accept-price = اعتمد السعر الجديد
cart-remove = احذف
cart-link-label = { $count ->
    [zero] السلة فارغة
    [one] في السلة خدمة واحدة
    [two] في السلة خدمتان
    [few] في السلة { $count } خدمات
    [many] في السلة { $count } خدمة
   *[other] في السلة { $count } خدمة
}
cart-problem-unavailable = هذه الخدمة لم تعد متاحة للشراء (أوقفها البائع أو حُذفت).
cart-problem-price = تغيّر سعر هذه الخدمة من { $was } إلى { $now } منذ أضفتها.
cart-problem-upgrade = أحد التطويرات التي اخترتها لم يعد متاحًا. عدّل اختيارك.
cart-problem-own = لا يمكنك شراء خدمتك.
cart-own-service = لا يمكنك شراء خدمة تبيعها أنت.
cart-quantity-invalid = الكمية يجب أن تكون بين 1 و10.
cart-upgrade-invalid = هذا التطوير غير متاح لهذه الخدمة.
cart-full = { $count ->
    [one] لا تتسع السلة لأكثر من خدمة واحدة.
    [two] لا تتسع السلة لأكثر من خدمتين.
    [few] لا تتسع السلة لأكثر من { $count } خدمات.
   *[other] لا تتسع السلة لأكثر من { $count } خدمة.
}

## Checkout and payment
checkout-title = إتمام الطلب
checkout-key-invalid = تعذّر التعرف على محاولة الدفع. أعد تحميل الصفحة وحاول مرة أخرى.
checkout-key-reused = استُخدمت محاولة الدفع هذه لسلة مختلفة. أعد تحميل الصفحة وحاول مرة أخرى.
checkout-empty = سلتك فارغة، لا يوجد ما تدفع ثمنه.
checkout-cart-changed = تغيّرت سلتك منذ فتحت الصفحة. أعد تحميلها وراجعها قبل الدفع.
checkout-line-problem = بعض الخدمات تغيّرت أو لم تعد متاحة. راجع السلة قبل الدفع.
checkout-insufficient-balance = رصيد محفظتك لا يكفي لهذا الطلب. ادفع الفرق ببطاقة أو اشحن محفظتك.
payment-declined = رفض البنك هذه البطاقة ولم يُخصم منك شيء. جرّب بطاقة أخرى.
payment-unavailable = تعذّر الاتصال بمزوّد الدفع ولم يُخصم منك شيء. حاول بعد قليل.
payment-in-progress = ما زالت عملية دفع سابقة قيد التنفيذ. انتظر قليلًا ثم حدّث الصفحة.
pay-title = الدفع
pay-wallet-balance = رصيد محفظتك: { $amount }
pay-card-part = يُدفع من بطاقتك: { $amount }
pay-button = ادفع { $amount }
pay-paying = جارٍ الدفع…
card-title = بيانات البطاقة
card-number = رقم البطاقة
card-expiry = تاريخ الانتهاء
card-cvc = رمز التحقق (CVC)
card-number-invalid = رقم البطاقة غير صحيح.
card-expiry-invalid = اكتب تاريخ الانتهاء بالشكل MM/YY.
card-expired = انتهت صلاحية هذه البطاقة.
card-cvc-invalid = رمز التحقق من 3 أو 4 أرقام.
sandbox-title = وضع الاختبار
sandbox-text = الدفع هنا تجريبي ولا تُسحب أي أموال حقيقية. استخدم إحدى بطاقات الاختبار بأي تاريخ انتهاء مستقبلي وأي رمز تحقق:
sandbox-card-ok = تنجح
sandbox-card-declined = يرفضها البنك
sandbox-card-network = تفشل بخطأ في الاتصال
receipt-title = تم الدفع بنجاح
receipt-paid-wallet = دفعت { $total } من رصيد محفظتك. المبلغ محفوظ لدينا ولن يصل إلى البائع إلا بعد أن تستلم العمل وتوافق عليه.
receipt-paid-card = دفعت { $total }، منها { $card } من بطاقتك. المبلغ محفوظ لدينا ولن يصل إلى البائع إلا بعد أن تستلم العمل وتوافق عليه.
receipt-seller = البائع: { $name }
receipt-next-title = ماذا بعد؟
receipt-next-text = أرسل للبائع ما يحتاجه لبدء العمل من صفحة الطلب. تبدأ مدة التسليم عندما يستلم تعليماتك، وإن تأخر يمكنك إلغاء الطلب واسترداد المبلغ كاملًا إلى محفظتك.
order-number = الطلب #{ $id }

## Orders
nav-purchases = مشترياتي
nav-sales = مبيعاتي
nav-wallet = المحفظة
purchases-title = مشترياتي
purchases-empty = لم تشترِ أي خدمة بعد.
sales-title = مبيعاتي
sales-empty = لم تبع أي خدمة بعد.
order-seller = البائع
order-buyer = المشتري
order-col-number = رقم الطلب
order-col-service = الخدمة
order-col-status = الحالة
order-col-total = المبلغ
order-col-date = التاريخ
order-status-awaiting-instructions = بانتظار تعليمات المشتري
order-status-in-progress = قيد التنفيذ
order-status-delivered = تم التسليم
order-status-completed = مكتمل
order-status-disputed = قيد النزاع
order-status-cancelled = ملغى

## Wallet
wallet-title = المحفظة
wallet-available = الرصيد المتاح
wallet-pending = أرباح معلّقة
wallet-history = سجل العمليات
wallet-history-empty = لا توجد عمليات بعد.
wallet-col-date = التاريخ
wallet-col-what = العملية
wallet-col-amount = المبلغ
wallet-tx-top-up = شحن الرصيد بالبطاقة
wallet-tx-purchase = شراء
wallet-tx-refund = استرداد مبلغ
wallet-tx-earnings = أرباح بعد خصم عمولة الموقع 20٪
wallet-tx-clearance = تحرير أرباح بعد انتهاء فترة الضمان
wallet-tx-withdrawal = سحب الرصيد
wallet-top-up = اشحن رصيدك
wallet-amount = المبلغ بالدولار
wallet-amount-hint = من 5 إلى 10,000 دولار.
wallet-topped-up = شُحن رصيدك بنجاح.
wallet-amount-invalid = اكتب مبلغًا صحيحًا، مثل 25 أو 12.50.
wallet-amount-too-small = أقل مبلغ للشحن 5 دولارات.
wallet-amount-too-large = أكبر مبلغ للشحن 10,000 دولار.
wallet-amount-out-of-range = المبلغ يجب أن يكون بين 5 و10,000 دولار.

## Order lifecycle
nav-admin-disputes = النزاعات
nav-admin-withdrawals = طلبات السحب
order-admin = الإدارة
order-system = النظام
order-span = { $days } و{ $hours }
order-due-in = متبقٍ { $time }
order-late-by = متأخر منذ { $time }
order-deadline = موعد التسليم
order-filter-all = الكل
order-refunded = أُعيد إلى المشتري { $amount }
order-cancel-asked-by = طلب { $who } إلغاء الطلب، وينتظر ردّ الطرف الآخر خلال 48 ساعة (وإلا أُلغي تلقائيًا).
order-actions = الإجراءات المتاحة
order-seller-instructions = تعليمات البائع
order-note = ملاحظة (مطلوبة للتعليمات والتسليم وطلب التعديل والإبلاغ)
order-split-amount = المبلغ المُعاد إلى المشتري (دولار)
order-timeline = سجل الطلب والمحادثة
order-message = رسالة
order-message-send = أرسل الرسالة
order-note-required = اكتب ملاحظة توضّح طلبك.
order-note-too-long = الملاحظة أطول من 5000 حرف.
contact-email = رسالتك فيها عنوان بريد إلكتروني، وتبادل وسائل التواصل غير مسموح: يبقى الحديث داخل خدمات ليبقى المبلغ مضمونًا وحق الطرفين محفوظًا.
contact-phone = رسالتك فيها رقم هاتف، وتبادل وسائل التواصل غير مسموح: يبقى الحديث داخل خدمات ليبقى المبلغ مضمونًا وحق الطرفين محفوظًا.
contact-link = رسالتك فيها رابط أو اسم موقع، وتبادل وسائل التواصل غير مسموح: يبقى الحديث داخل خدمات ليبقى المبلغ مضمونًا وحق الطرفين محفوظًا.
contact-handle = رسالتك فيها حساب على منصة تواصل، وتبادل وسائل التواصل غير مسموح: يبقى الحديث داخل خدمات ليبقى المبلغ مضمونًا وحق الطرفين محفوظًا.
order-do-send-instructions = أرسل التعليمات وابدأ الطلب
order-do-deliver = سلّم العمل
order-do-accept = استلمت العمل، أكمل الطلب
order-do-request-changes = اطلب تعديلات
order-do-cancel-late = ألغِ الطلب المتأخر
order-do-decline = اعتذر عن الطلب
order-do-ask-cancel = اطلب إلغاء الطلب
order-do-agree-cancel = وافق على الإلغاء
order-do-refuse-cancel = ارفض الإلغاء
order-do-report = أبلغ عن مشكلة
order-do-rule-seller = احكم للبائع
order-do-rule-buyer = احكم للمشتري (استرداد كامل)
order-do-rule-split = قسّم المبلغ
order-do-auto = إجراء تلقائي
order-event-placed = دُفع الطلب وحُجز مبلغه في الضمان.
order-event-message = رسالة
order-event-instructions = أرسل المشتري التعليمات، وبدأ العدّ التنازلي للتسليم.
order-event-delivered = سلّم البائع العمل.
order-event-accepted = استلم المشتري العمل واكتمل الطلب.
order-event-changes-requested = طلب المشتري تعديلات.
order-event-cancelled-late = ألغى المشتري الطلب لتأخره، وأُعيد إليه { $amount }.
order-event-declined = اعتذر البائع عن الطلب، وأُعيد إلى المشتري { $amount }.
order-event-cancel-asked = طُلب إلغاء الطلب.
order-event-cancel-agreed = وافق الطرف الآخر على الإلغاء، وأُعيد إلى المشتري { $amount }.
order-event-cancel-refused = رُفض طلب الإلغاء.
order-event-reported = أُبلغ عن مشكلة، والطلب بانتظار قرار الإدارة.
order-event-ruled-seller = حكمت الإدارة للبائع واكتمل الطلب.
order-event-ruled-buyer = حكمت الإدارة للمشتري، وأُعيد إليه { $amount }.
order-event-ruled-split = قسّمت الإدارة المبلغ: أُعيد إلى المشتري { $amount } والباقي للبائع.
order-event-auto-accepted = اكتمل الطلب تلقائيًا بعد 3 أيام من التسليم دون رد.
order-event-auto-cancelled = أُلغي الطلب تلقائيًا بعد 48 ساعة دون رد على طلب الإلغاء، وأُعيد إلى المشتري { $amount }.
error-order-not-yours = هذا الإجراء ليس من صلاحيتك في هذا الطلب.
error-order-wrong-state = لا يمكن تنفيذ هذا الإجراء في حالة الطلب الحالية.
error-order-not-late = لم يتأخر الطلب بعد؛ يمكنك إلغاؤه وحدك بعد انتهاء موعد التسليم.
error-order-not-due = لم يحن وقت هذا الإجراء بعد.
error-order-cancel-pending = هناك طلب إلغاء ينتظر الرد.
error-order-no-cancel-request = لا يوجد طلب إلغاء للرد عليه.
error-order-split-invalid = اكتب مبلغًا أكبر من صفر وأقل من قيمة الطلب.
error-withdrawal-minimum = أقل مبلغ للسحب 10 دولارات.
error-withdrawal-insufficient = رصيدك المتاح لا يكفي لهذا السحب.
error-withdrawal-decided = سبق البت في طلب السحب هذا.
disputes-title = النزاعات
disputes-empty = لا توجد نزاعات مفتوحة.
withdrawals-title = طلبات السحب
withdrawals-empty = لا توجد طلبات سحب معلّقة.
withdrawal-pay = تم الدفع
withdrawal-reason = سبب الرفض
withdrawal-reject = ارفض
wallet-held = قيد السحب
wallet-pending-earnings = أرباح بانتظار التحرير
wallet-clears-on = تُحرَّر في { $date }
wallet-withdrawals = طلبات السحب
wallet-tx-withdrawal-paid = دُفع طلب السحب
wallet-tx-withdrawal-returned = رُفض طلب السحب وأُعيد المبلغ
withdrawal-status-requested = قيد المراجعة
withdrawal-status-paid = مدفوع
withdrawal-status-rejected = مرفوض
withdrawal-requested = أُرسل طلب السحب، وسيُراجع قريبًا.
withdrawal-title = اسحب رصيدك
withdrawal-minimum-hint = الحد الأدنى 10 دولارات، من رصيدك المتاح.
withdrawal-bank = تحويل بنكي
withdrawal-holder = اسم صاحب الحساب
withdrawal-paypal-email = بريد PayPal
withdrawal-submit = اطلب السحب
withdrawal-iban-invalid = رقم الآيبان غير صحيح؛ راجعه حرفًا حرفًا.
withdrawal-holder-invalid = اكتب اسم صاحب الحساب كما في البنك.
order-attach = أرفق ملفًا
order-attach-hint = صور، أو PDF وZIP حتى 25 ميغابايت؛ لا يراها إلا طرفا الطلب.
error-order-file-type = نوع الملف غير مدعوم: أرفق صورة أو PDF أو ZIP.
error-order-file-invalid = أحد الملفات المرفقة غير صالح لهذا الطلب؛ أعد إرفاقه.
archive = احذف الخدمة
archive-confirm = ستختفي الخدمة من الموقع ومن سلال المشترين، وتبقى طلباتها السابقة كما هي. متأكد؟
archive-yes = نعم، احذفها
archive-no = تراجع
withdrawal-amount = المبلغ المراد سحبه (دولار)

## Reviews of orders
review-cancelled-late = أُلغي الطلب لتأخر البائع في التسليم
review-histogram-row = { $stars } نجوم: { $count }
review-section = تقييم الطلب
review-your-rating = تقييمك
review-stars = { $stars ->
    [one] نجمة واحدة
    [two] نجمتان
    [few] { $stars } نجوم
   *[other] { $stars } نجوم
}
review-comment = تعليقك (يظهر للعموم على صفحة الخدمة)
review-comment-hint = من 10 إلى 1000 حرف، دون وسائل تواصل.
review-submit = انشر التقييم
review-save = احفظ التعديل
review-rate-until = يمكنك التقييم حتى { $date }.
review-edit-until = يمكن تعديله خلال 24 ساعة من كتابته.
review-written = تقييم المشتري
review-reply = ردك على التقييم (يظهر للعموم)
review-reply-submit = انشر الرد
review-reply-edit = عدّل ردك
review-saved = حُفظ، وهو ظاهر الآن على صفحة الخدمة.
review-rating-invalid = اختر من نجمة إلى خمس نجوم.
review-comment-length = يجب أن يكون التعليق بين 10 و1000 حرف.
review-reply-length = يجب أن يكون الرد بين حرف و1000 حرف.
error-review-not-allowed = لا يمكن تقييم هذا الطلب: يُقيَّم الطلب بعد اكتماله، أو بعد إلغائه لتأخر البائع.
error-review-window-closed = انتهت مدة التقييم: يُقيَّم الطلب خلال 14 يومًا من إغلاقه.
error-review-final = مضى أكثر من 24 ساعة على الكتابة، فلم يعد التعديل ممكنًا.

## My level
nav-my-level = مستواي
my-level-title = مستواي كبائع
my-level-now = مستواك الآن:
my-level-cap = خدماتك النشطة: { $active } من { $cap } يسمح بها مستواك.
my-level-at-risk = لم تعد تستوفي شروط مستواك. تبقى عليه حتى { $date }؛ إن استوفيتها قبل ذلك يزول الخطر، وإلا نزلت إلى المستوى الذي تستوفيه.
my-level-keep = شروط مستواك الحالي
my-level-next = للوصول إلى { $level }
my-level-how = يُعاد حساب المستويات تلقائيًا كل ساعة. الترقية فورية عند استيفاء كل الشروط، والنزول لا يكون إلا بعد 180 يومًا من عدم استيفائها.
my-level-top = وصلت إلى أعلى مستوى. حافظ على شروطه لتبقى فيه.
level-criterion = الشرط
level-yours = رقمك
level-needed = المطلوب
level-met = مستوفى؟
level-yes = نعم
level-no = ليس بعد
level-clients = العملاء
level-clients-what = عدد المشترين المختلفين الذين اكتملت طلباتهم خلال آخر 365 يومًا.
level-rating = التقييم
level-rating-what = متوسط تقييمات المشترين لك، كما يظهر على صفحتك.
level-completion = نسبة الإتمام
level-completion-what = الطلبات المكتملة من بين الطلبات المغلقة (مكتملة أو ملغاة) خلال آخر 365 يومًا.
level-response = سرعة الرد
level-response-what = الوسيط الزمني لأول رد منك على الطلبات وعلى استفسارات المشترين قبل الطلب خلال آخر 90 يومًا.

## Notifications
notifications-title = الإشعارات
notifications-empty = لا إشعارات بعد.
notifications-label = { $count ->
    [zero] الإشعارات: لا جديد
    [one] إشعار واحد جديد
    [two] إشعاران جديدان
    [few] { $count } إشعارات جديدة
   *[other] { $count } إشعارًا جديدًا
}
notice-order-placed = طلب جديد على خدمتك
notice-review-received = قيّم المشتري الطلب
notice-review-replied = ردّ البائع على تقييمك
notice-withdrawal-paid = دُفع طلب السحب
notice-withdrawal-rejected = رُفض طلب السحب وعاد المبلغ إلى رصيدك
notice-message = رسالة جديدة

# Messages
nav-messages = الرسائل
messages-title = الرسائل
messages-label = { $count ->
    [zero] الرسائل: لا جديد
    [one] محادثة فيها رسائل جديدة
    [two] محادثتان فيهما رسائل جديدة
    [few] { $count } محادثات فيها رسائل جديدة
   *[other] { $count } محادثة فيها رسائل جديدة
}
messages-unread = { $count ->
    [one] رسالة واحدة لم تُقرأ
    [two] رسالتان لم تُقرآ
    [few] { $count } رسائل لم تُقرأ
   *[other] { $count } رسالة لم تُقرأ
}
messages-empty = لا محادثات بعد. اسأل البائع عن أي خدمة قبل أن تطلبها من زر «تواصل مع البائع» في صفحتها.
messages-you = أنت
messages-files-only = ملفات مرفقة
messages-with-seller = محادثة مع البائع { $name }
messages-with-asker = محادثة مع { $name }
messages-about = بخصوص:
messages-profile = الملف الشخصي
messages-your-message = رسالتك
messages-contact-seller = تواصل مع البائع
messages-contact-title = راسل { $name }
messages-contact-hint = اسأل عن التفاصيل قبل أن تطلب. تبادل وسائل التواصل (هاتف، بريد، روابط، حسابات) غير مسموح: يبقى الحديث هنا ليبقى حقك محفوظًا.
messages-log-in-to-write = سجّل الدخول لتكتب للبائع
message-required = اكتب رسالتك أو أرفق ملفًا.
message-too-long = الرسالة أطول من 2000 حرف.
error-message-own-service = هذه خدمتك: لا يمكنك مراسلة نفسك.
settings-mail-title = رسائل البريد الإلكتروني
settings-mail-hint = اختر ما يصلك بالبريد. الإشعارات داخل الموقع تصلك دائمًا.
settings-mail-orders = خطوات طلباتي (شراءً وبيعًا)
settings-mail-messages = الرسائل الجديدة قبل الطلب
settings-mail-reviews = التقييمات والردود عليها
settings-mail-wallet = طلبات السحب من الرصيد
settings-mail-save = حفظ الاختيارات
settings-mail-saved = حُفظت اختياراتك.
mail-open = افتحه من هنا:
mail-preferences = لتختار الرسائل التي تصلك بالبريد:
notice-request-approved = نُشر طلبك ويستقبل العروض الآن
notice-request-rejected = لم يُقبل طلبك للنشر
notice-offer-received = عرض جديد على طلبك
notice-offer-accepted = اختار المشتري عرضك وبدأ الطلب
notice-request-closed = أُغلق طلب كنت قدّمت عليه عرضًا

# Buyer requests
nav-requests = طلبات الخدمات
nav-my-requests = طلباتي
requests-title = طلبات الخدمات
requests-lead = احتياجات لم يجد أصحابها خدمة منشورة تناسبهم. قدّم عرضك بإحدى خدماتك وبسعر ومدة يناسبان الطلب.
requests-new = أضف طلبًا
requests-new-lead = صف ما تحتاجه وميزانيتك، فتصلك عروض البائعين بعد مراجعة الطلب. يبقى الطلب مفتوحًا 14 يومًا.
requests-post = أرسل الطلب للمراجعة
requests-log-in = سجّل الدخول لتضيف طلبًا
requests-search = ابحث في الطلبات
requests-any-category = كل الأقسام
requests-budget-at-least = ميزانية لا تقل عن ($)
requests-empty = لا طلبات مفتوحة تطابق بحثك الآن.
my-requests-title = طلباتي
my-requests-empty = لم تضف طلبًا بعد.
request-budget = الميزانية
request-offers-count = { $count ->
    [zero] لا عروض
    [one] عرض واحد
    [two] عرضان
    [few] { $count } عروض
   *[other] { $count } عرضًا
}
request-status-pending = بانتظار المراجعة
request-status-open = مفتوح للعروض
request-status-rejected = مرفوض
request-status-closed = مغلق
request-status-ordered = تم الطلب
request-status-expired = انتهت مدته
request-open-until = يستقبل العروض حتى { $date }
request-pending-note = طلبك بانتظار مراجعة الإدارة، ويظهر للبائعين بعد قبوله.
request-rejected-because = لم يُقبل الطلب:
request-description = تفاصيل الطلب
request-no-offers = لا عروض بعد. يصلك إشعار عند وصول أي عرض.
request-close = أغلق الطلب
request-delete = احذف الطلب
request-your-offer = عرضك
request-log-in-to-offer = سجّل الدخول لتقدّم عرضًا
request-queue-title = طلبات الخدمات بانتظار المراجعة
request-field-title = عنوان الطلب
request-field-description = ما الذي تحتاجه؟
request-field-description-hint = اذكر التفاصيل التي يحتاجها البائع ليقدّم عرضًا مناسبًا، دون وسائل تواصل.
request-field-budget-min = الميزانية من ($)
request-field-budget-max = إلى ($)
request-field-budget-hint = بمضاعفات 5 دولارات
request-budget-invalid = أدخل مبلغًا من مضاعفات 5 دولارات، من 5 إلى 10,000.
request-budget-order = الحد الأعلى أقل من الحد الأدنى.
request-days-invalid = أدخل عدد أيام من 1 إلى 90.
request-offer-service = اختر خدمة من خدماتك المنشورة.
offer-make = قدّم عرضك
offer-edit = عدّل عرضك
offer-service = الخدمة التي تعرضها
offer-price = السعر لهذا الطلب ($)
offer-price-hint = اتركه فارغًا لسعر الخدمة؛ بمضاعفات 5 دولارات.
offer-note = رسالتك للمشتري
offer-send = أرسل العرض
offer-save = احفظ التعديل
offer-saved = حُفظ عرضك.
offer-no-services = لتقدّم عرضًا انشر خدمة أولًا، ثم اخترها في عرضك.
offer-order = اطلب هذا العرض
offer-ask = اسأل البائع
offer-status-accepted = اختار المشتري هذا العرض
offer-status-closed = أُغلق العرض
error-request-not-open = هذا الطلب لم يعد يستقبل عروضًا.
error-request-own = هذا طلبك: لا يمكنك تقديم عرض عليه.
error-offer-exists = قدّمت عرضًا على هذا الطلب من قبل؛ يمكنك تعديله.
error-offer-daily-cap = { $count ->
    [one] بلغت حد العروض اليومي لمستواك (عرض واحد في اليوم).
    [two] بلغت حد العروض اليومي لمستواك (عرضان في اليوم).
    [few] بلغت حد العروض اليومي لمستواك ({ $count } عروض في اليوم).
   *[other] بلغت حد العروض اليومي لمستواك ({ $count } عرضًا في اليوم).
}
error-offer-changed = تغيّر العرض أو الطلب منذ فتحت الصفحة. أعد تحميلها.
request-attach-title = ملفات مرفقة بالطلب
request-files-full = يقبل الطلب 3 ملفات على الأكثر.
request-attach-hint = صور، أو PDF وZIP حتى 25 ميغابايت؛ يراها الأعضاء الذين يرون الطلب.
messages-attach-hint = صور، أو PDF وZIP حتى 25 ميغابايت؛ لا يراها إلا طرفا المحادثة.
