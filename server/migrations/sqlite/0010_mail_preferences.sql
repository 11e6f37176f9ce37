-- Notification emails (sqlite). Keep in step with ../postgres/0010_mail_preferences.sql.
-- The language a member reads (mail goes out in it), and which emails they want.
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'ar';
ALTER TABLE users ADD COLUMN mail_orders INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN mail_messages INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN mail_reviews INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN mail_wallet INTEGER NOT NULL DEFAULT 1;
-- 0: no email; 1: an email is due (decided with the notification, from the preferences
-- then); 2: sent. Notifications from before this migration send none.
ALTER TABLE notifications ADD COLUMN mail_state INTEGER NOT NULL DEFAULT 0;
CREATE INDEX notifications_mail_due ON notifications (id) WHERE mail_state = 1;
