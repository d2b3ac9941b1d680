-- A mail that could not be sent waits before the next attempt, longer after each failure
-- (Background/NotificationMailer.cs). Retried at once, a mail server away for a minute used up every
-- attempt of the mails at the head of the queue, and they were given up: lost.
ALTER TABLE notifications ADD COLUMN email_retry_at timestamptz;
