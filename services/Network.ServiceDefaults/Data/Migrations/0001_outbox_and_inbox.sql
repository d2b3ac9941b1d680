-- The transactional outbox: events written in the same transaction as the change that caused them,
-- relayed to RabbitMQ by OutboxDispatcher. The id becomes the message id.
CREATE TABLE outbox_messages (
    id              uuid PRIMARY KEY,
    message_type    text        NOT NULL,
    body            jsonb       NOT NULL,
    trace_parent    text,
    trace_state     text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    sent_at         timestamptz
);

CREATE INDEX outbox_messages_unsent ON outbox_messages (created_at, id) WHERE sent_at IS NULL;

-- The inbox: one row per message a consumer has handled, written in the consumer's transaction,
-- so a redelivered message is recognised and skipped.
CREATE TABLE inbox_messages (
    message_id   uuid        NOT NULL,
    consumer     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, consumer)
);
