-- Notification emails (postgres). Keep in step with ../sqlite/0010_mail_preferences.sql.
-- The language a member reads (mail goes out in it), and which emails they want.
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'ar';
ALTER TABLE users ADD COLUMN mail_orders BIGINT NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN mail_messages BIGINT NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN mail_reviews BIGINT NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN mail_wallet BIGINT NOT NULL DEFAULT 1;
-- 0: no email; 1: an email is due (decided with the notification, from the preferences
-- then); 2: sent. Notifications from before this migration send none.
ALTER TABLE notifications ADD COLUMN mail_state BIGINT NOT NULL DEFAULT 0;
CREATE INDEX notifications_mail_due ON notifications (id) WHERE mail_state = 1;
