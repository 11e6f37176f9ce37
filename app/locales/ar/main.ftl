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
see-all = عرض الكل

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
service-unit-price = سعر الوحدة
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
sg-sample-category = التصميم
sg-sample-upgrade-1 = ملفات المصدر
sg-sample-upgrade-2 = تسليم خلال 24 ساعة
sg-sample-review = عمل رائع وسريع، تجاوز توقعاتي.
sg-sample-reply = شكرًا لك، سعدت بالعمل معك!
sg-sample-buyer = فيصل المطيري
sg-sample-headline = مصمم هويات بصرية وشعارات
