from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "link_token" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "purpose" VARCHAR(20) NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "used_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "agent_id" INT REFERENCES "agent" ("id") ON DELETE CASCADE,
    "conversation_id" INT REFERENCES "conversation" ("id") ON DELETE CASCADE,
    "shop_id" INT NOT NULL REFERENCES "shop" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "link_token"."purpose" IS 'SIGN_IN: sign_in\nUNSUBSCRIBE: unsubscribe\nINVITE: invite\nPASSWORD_RESET: password_reset';
COMMENT ON TABLE "link_token" IS 'A single-use link in a mail (sign in as the shopper, unsubscribe, later invites and';
        CREATE TABLE IF NOT EXISTS "outbox" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(20) NOT NULL,
    "payload" JSONB NOT NULL,
    "recipient" VARCHAR(254),
    "dedupe_key" VARCHAR(200) NOT NULL UNIQUE,
    "status" VARCHAR(10) NOT NULL,
    "attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMPTZ NOT NULL,
    "claimed_until" TIMESTAMPTZ,
    "claimed_by" VARCHAR(64),
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "shop_id" INT REFERENCES "shop" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_outbox_status_a060ae" ON "outbox" ("status", "next_attempt_at");
CREATE INDEX IF NOT EXISTS "idx_outbox_recipie_2e8ac7" ON "outbox" ("recipient", "sent_at");
CREATE INDEX IF NOT EXISTS "idx_outbox_shop_id_557c4b" ON "outbox" ("shop_id", "sent_at");
COMMENT ON COLUMN "outbox"."status" IS 'PENDING: pending\nSENT: sent\nFAILED: failed\nDROPPED: dropped';
COMMENT ON TABLE "outbox" IS 'Anything leaving the server (mail; later webhooks, web push), written in the same';
        CREATE TABLE IF NOT EXISTS "reply_token" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "conversation_id" INT NOT NULL REFERENCES "conversation" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "reply_token" IS 'reply+<token>@SHOPCHAT_REPLY_DOMAIN: only the SHA-256 of the token is stored.';
        CREATE TABLE IF NOT EXISTS "undeliverable_address" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "address" VARCHAR(254) NOT NULL,
    "smtp_reply" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "shop_id" INT NOT NULL REFERENCES "shop" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_undeliverab_shop_id_3d2f11" UNIQUE ("shop_id", "address")
);
COMMENT ON TABLE "undeliverable_address" IS 'An address the SMTP server refused for good (5xx): not mailed again until retried.';
        ALTER TABLE "agent" ADD "notify_email" VARCHAR(20) NOT NULL DEFAULT 'every_unanswered';
        ALTER TABLE "conversation" ADD "escalated_at" TIMESTAMPTZ;
        ALTER TABLE "conversation" ADD "visitor_mailed_at" TIMESTAMPTZ;
        ALTER TABLE "conversation" ADD "visitor_mailed_seq" INT NOT NULL DEFAULT 0;
        ALTER TABLE "conversation" ADD "notified_at" TIMESTAMPTZ;
        ALTER TABLE "conversation" ADD "staff_mailed_seq" INT NOT NULL DEFAULT 0;
        ALTER TABLE "conversation" ADD "visitor_unsubscribed" BOOL NOT NULL DEFAULT False;
        ALTER TABLE "message" ADD "message_id" VARCHAR(255);
        ALTER TABLE "message" ADD "via" VARCHAR(5) NOT NULL DEFAULT 'chat';
        COMMENT ON COLUMN "message"."author" IS 'VISITOR: visitor\nAGENT: agent';
        COMMENT ON COLUMN "message"."kind" IS 'TEXT: text\nIMAGE: image';
        ALTER TABLE "shop" ADD "language" VARCHAR(10) NOT NULL DEFAULT 'en';
        ALTER TABLE "visitor" ADD "last_socket_closed_at" TIMESTAMPTZ;
        COMMENT ON COLUMN agent."notify_email" IS 'NEW_CONVERSATIONS: new_conversations\nEVERY_UNANSWERED: every_unanswered\nOFF: off';
COMMENT ON COLUMN message."via" IS 'CHAT: chat\nEMAIL: email';
COMMENT ON COLUMN shop."language" IS 'EN: en\nZH_CN: zh-CN';
        CREATE UNIQUE INDEX IF NOT EXISTS "uid_message_convers_fddd14" ON "message" ("conversation_id", "message_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "uid_message_convers_fddd14";
        ALTER TABLE "shop" DROP COLUMN "language";
        ALTER TABLE "agent" DROP COLUMN "notify_email";
        ALTER TABLE "message" DROP COLUMN "message_id";
        ALTER TABLE "message" DROP COLUMN "via";
        COMMENT ON COLUMN "message"."author" IS 'VISITOR: visitor\nAGENT: agent\nSYSTEM: system';
        COMMENT ON COLUMN "message"."kind" IS 'TEXT: text\nIMAGE: image\nEVENT: event';
        ALTER TABLE "visitor" DROP COLUMN "last_socket_closed_at";
        ALTER TABLE "conversation" DROP COLUMN "escalated_at";
        ALTER TABLE "conversation" DROP COLUMN "visitor_mailed_at";
        ALTER TABLE "conversation" DROP COLUMN "visitor_mailed_seq";
        ALTER TABLE "conversation" DROP COLUMN "notified_at";
        ALTER TABLE "conversation" DROP COLUMN "staff_mailed_seq";
        ALTER TABLE "conversation" DROP COLUMN "visitor_unsubscribed";
        DROP TABLE IF EXISTS "link_token";
        DROP TABLE IF EXISTS "undeliverable_address";
        DROP TABLE IF EXISTS "outbox";
        DROP TABLE IF EXISTS "reply_token";"""


MODELS_STATE = (
    "eJztXXtv27YW/yqE7z8tbpubpHU6pMNw3cRtvSV2EDvttnoQZIu2hciUJkp5bLff/ZKUZL"
    "0oh4wtWdYIFKgj8VDS75CHh+fFv1tL24AWPujMIfJap+DvFtKXkPxI33gFWrrjxJfpBU+f"
    "WKylvmoywZ6rT2k/M93CkFwyIJ66puOZNiJXkW9Z9KI9JQ1NNI8v+cj804eaZ8+ht4Auuf"
    "HtWwsvbIf2C5e6abX++IP8NJEBHyCm9+mfzq02M6FlpN7cNCgRu655jw671kPeR9aQPn6i"
    "TW3LX6K4sfPoLWy0am0G30O+C7q6B2n3nuvT76GvG3539InBq8dNgldM0BhwpvuWl/j+iR"
    "Zfa2lafzDSht2RprUkEJvaiKJNXhWzr5/TV3h9fPT23dsf3py8/YE0Ya+5uvLue/DoGJiA"
    "kMHTH7W+s/u6pwctGMYxqAEPcrieLXSXD+yKIIMteeksthGS68CNLsToxkOsCniX+oNmQT"
    "T3FhTT9ts1YH7pXJ997ly/IK1e0kfaZE4EM6Uf3joO7lHEY4QdHeN72zW0hY4XMkjnCJuI"
    "+OGhCOKHh8WI03tpxNn/EkBH7RW+Yvi6tlWAbxf5S4Zxj7yTjqYwh3VEWx3W8TomAXdr8L"
    "XfvT4F9j15oTHqfOr2R6cg7kmSDUciXDgqZsJRjgcm1siKbN5xGPHBJhjrqGBdTNJlmDAh"
    "hGVxIVozSxjxa6D9MBhc0J6XGP9psQu9UQbjm8sPXYI9g540Mj2YXDgTQsX2zNmjhm0fcf"
    "SQtZhnSRXs0rB7pseTOSKwr0gV7NKwk3e89QJlXR74BLGCXhr6NYr506tsto8KV1t4B91H"
    "zUc6wvfQhdHoEF54+92v2tmg/6V7PeyMeoP+kHAD3pNvQ6RjrNNmeIy65P5v2k2/0x9+7V"
    "53z09B9rljNPj4kSzgs9lzFuxjMbVpjdaUXbCnLqRQa7qXZ+o5ueOZS8ifTmnKDCuNkPQg"
    "+rGPKiv5QGOArMdw+q6BftS77A5Hncur1GQ774y69M4xu/qYufriJMOmVSfga2/0GdA/we"
    "+DfpfBa2Nv7rInxu1Gv7foO+m+Z2vIvtd0I2EGiK5GqKW4Tk0dmpThIkHxtPViH5i7BQMG"
    "NQnNbrn2i8iWlEb3o+1Cc45+gY85OZkBNTSHDcNu9gzc79Hoia7Gw9LV71c2tOSgIt9Ovh"
    "gGq89ZZ3jWOe+2GMITfXp7r7uGVgQ1xJhKX442EFJ+/OUaWkxEFyPNDI/DoKsGIZ6a9Tr5"
    "ujmCvH2CBFJniSVPAKmQ73sFlGWiW82zb+Gmo+qCdDSi/TQUqCWZMPocbojSZdBLQzHyHc"
    "vWjQ0humGdNAghKtntYzsh0VOyPn9rebzMXtERGTVG+Gz6JJ4sL3IyJWT9E74mDSeaPuVz"
    "anWAZc9NRFR8ojkCbwHB8HPn9XH7hOj87M8J1F3oAiZegIkB9ohWYBxktwMbdcTxbyl31g"
    "7dWYxH0p6WNNV2Nsu7hTm1mT0R8WqdFDu1TnI+LbWZLYa+uZtZ+OCYpLdncD1N2UCu7wmX"
    "I0zWsjlYi6WWpySJslo8bbVYORI3NFusonj2DF5Ru0VyXMkaLspUfM90RLb319BhYj6n9y"
    "Zvr1V7p6yh5q5alhRpRf53vanvqWCrnWqnKzZI6KZJmgYGqLRFHC3tYkdLO+domdjGYx7g"
    "EXwoGLxR+0aAu04P6f46SqkgEYgvLju/vkypIReD/qeoeQL0s4vBB7URUBsB5dVSXq06aI"
    "cbeLVKVQ6Tfhuedpjx66xRD7Mtt6oeZlTBb0k8LR17Wuh0CEU0uUEovrXuTGx6ths2pFeV"
    "ElmpEunpns/xcohFBsXUFcYE2U7gmJMKwL3q9k8BpRwjongMaYzP1LJxGFG08wBczgyRUX"
    "845FvQgerplKq7yiNkFWMMw/BPCYmWJKlO6zmstVxLuGsRVZC1AlNYIahZMgVsAbDhOi0P"
    "bYJQgZsFN9J+GFJy4oBHqgDOAhyYfJ8Bb55QgZsFl3TvwQeOuP15OOgX2GlikqyCYk498D"
    "9gmbg0XFs/znw0paiBiW9anonwAX3sT5La5DY0FgrRevtZ1lSW0UJoB1n7GQvUN59lQMuQ"
    "Ku2xztojQUC3nmkpzdIqTteZ02SDPZtpNPEGyq5gPFK1hhVpYM+CmE+sQH4CZHmhxe1ASa"
    "46S66IZT7C/oSiMeFmMKzL/CzqosL8z9WVvU0AVT7VYjHXXJ9qmDMEJQPv0lTPWshqJlK3"
    "vZQpZ3VZyoEUqGkihasKAqgoCIAzcreA6pe4p4YCm56wT2MbLUVbAFc0rLlmK5dwVHN60U"
    "5BS94B9G8uLsRSslX+bE3zZ/dl0qdAYmHoWxlOLPRddDztDVZlBo3FE5ATMZaancXhYrE0"
    "YO0EMmgxwcGCr30MASUGJgI6oCYb8IKKKPY3ZjmwdJl1oPsKJLb2rwA1S7uk1R3ZzGKgo1"
    "xsThnPGKOoMiYg2y/o4ZfFqbuZnN33gLwG3R8D7EBkYGB6Ko23hjFuKo23kjRex3cdGz+7"
    "lmeCvM7JE61h71Nf6/VPAZU3monG6KY/vPkwPLvufeieJqXNGPX6X3ojcjGQN2N01RkOvw"
    "6uz7XrLun+FKyK8jLRkxV3ImzcfmkxlZf71FpedwOhkH0+XLpkeZwgU/6XOvNX2f2LJWiD"
    "7f47yLav2SQuIcptlTYjhyyHUgGsXCrlIKpM/1Wa/rO5dBtC28zijFmEOfJQwBFQcXGTPc"
    "W2rrVNIiM3xw6ZsH8XWyGXiUZbLmeSncM0fI/lpGZvTC2TgrvEcy1KW802iXLvogRWZevb"
    "VT6rXIxs1RGbtUc2IXh9AgrHuS1mzYupa23M+9Ib9kaD61MQ+qfreDjPrck7I0aMDRFthe"
    "nZUX6PDBtoeRgihwjlGPUuCQtOgbkMxf7uGaBqAFVZAyi12HKHfcFuO0v4LPhrpv6V7bMh"
    "z4Eu0jlHw6w/9ytBpqKxJaKx70z9uaI8JK1Qkk8XurQkJwONSHJKOUbdy07v4hSszg2Sru"
    "YmMNrbxbXcsmM9oaNLiJU0VfNkynFbBGbSas0ppTmolfOhGH3lfFDOhz1yPtRu/my7vgk7"
    "okMO2xSNGrZPOiB2ay2v2whW5vLdY1toLo8j5vNCYguwNu1AoCyuKckonYpQpiNi4HsT+6"
    "HnwWWL44tI3H21zh1hs3ZC3ohWB5EhQEAFZB99R/9nUcnQJZMavKB7ovdhNPI9nCxs+xa/"
    "or+A4+PFS/LTNT0PsoBmRheeKp8Oh972E8aIfBPCelAkR6cRzRhMdRptrSODdI08MHkEAQ"
    "r/ubfdW+geOI8HwICG70DtFj6CpX4LMYCIjFsfkpcaI9OAS8f2KLE+dW2MgePaU7Kvgvg9"
    "mFo6UeQNzUeeadHYavou5HvII8Oo67AxfbpBP1I4yvpboj4lgg8e2VQQBjv0/8CL48Kp6Z"
    "ihoKMft7qTcAavritHTpWOnGKrNx/X6i3d1W3Rtx7j6+iP/AWtuHJXgqT6yl27sW+XUqMr"
    "JXNEB3eKqIk2KBHDNmm1xgaVM23HS5IM0mmqxmV9HB+KyZJ1wiQnTfawhrQT6BKy1u2rbv"
    "+81/90CkL6MRoybzHVEcboY6d3QQtLz1iVojE6vx5cXdELhktT0WpSajpUgjj8KrbSJUhU"
    "dausBSmrWuZwfaLyYp68gWbvPTFzi6VWJLcs0g6OLLFKo9kHXk+ktIg0VfMUtu0HIrDq9t"
    "B1eRFnxZE2aaom4Fx1uE1k3ZCUYgkyJb9qLb+UJ/4f6ImvPqWqZlO4URlVNcN2awlVu3EE"
    "JaoJcRxB6VpDxY6gRHUjMW8QI/j3j4zip/8OPw+uaKicdt29uvhNOx9cdmhJCcHCMwc5T9"
    "DWe1c1bOrlDlE1bCrZhqjiJ0orVlpxQ7ViFUyp4v52L0C3F/e3G/2ZbVo4mnO0mSnWmaNd"
    "U6kHDyu1tNIoHTnvelPd6m9FvLRvi720b/M+dUg0DU9a4c+QNQ7o7Wv8KAysFEU4at/IOL"
    "MSgkN0y7LvicJsu+bc5FWCLg4545DW49BI+rzGHBpJ7pG9ShALI+p3S9JUGLWzA8hLcbpN"
    "XB0ZFM6i+hp81DNkFQL/r+P2yRs4KQv/tBhap5FE4L8rFEHvsgLo3jSIsqiRaWDy9yHFgH"
    "NIKwSdSL2FbP71MyHfcqa1PZtZJoJaoniTqGThkCoBIy9gfExAxFhb2L4rtebmKTdacuvp"
    "uqpsbQ3VcYim7qPjQc4OtHgm8GjVVJCeCpaO5j5XCImFJyfpK4Q/cCvKxCZ3+6cAojH6/b"
    "N2Rn7+tXh9xgb07iOOlbW9GPpmWdtztuBiE2UmZXnDI4JE05Xrxv8im3B6/ugIQXpGhGOZ"
    "mx46dcb6YlEOjYUrYT/fFK1mehzSC+QuTn3bS6SCtGfN9OByQ6jS6eZ7qUOvh8on72aZZO"
    "6wb9gIq5tkVx3DICsUbuoIC8onbDi4hGtM7CVEYaHWDTFq3oGrpZ4nyJ2DHB9w0Vwt9gmn"
    "BAXVLlckAvU1QNg+CGq8HF1FxS9cOKMHFYGZ7YK5bRvgRfvh4SX5LNtjhwWSW/qcgAeCqh"
    "Nkn+2avLDKch7BrUa+co6HEKgy4rv0aycGoqixOEHSRN9gGSn6eOk5bFsjVV45TdUIrKs2"
    "iimLTPGwb5ZFRh201Ni0oLqBu+d5QeG2iafVrjZUa/TYuI2I4spONwB6dOwEIP+YGZRVEn"
    "nPlM0Z0SEBVY0xoEoyaQCo/99eAvp6wEbAMPEtV2fdbu8q5rJeuqmKuSwpFJA8jhYpDDCS"
    "QDhL1wiVNBMgIuIUbBc7Bdv5AFfzLw7IxZpI2FypIZwKRPem4XHChAvBXLVXqd55MBcwir"
    "sSRDMmUHByKtirreY/cKupjoJQxyTXHtFweyQHappIDVRlFKn+9Om72Hu5IariftCaDVpR"
    "XNPTVeCoB3WAhhCuAgdoiMT+hWH+G3rzEydJNwPtUp350ZznWDoT4qDY1JmQPqVmcqdOYY"
    "APwYmTqxO2lb2xKnuj408scyp5bGKKqHG2x+3ne6v6ThXVd4rFiATOGbImFJqtIPX7Drom"
    "6Y6D9NrDhZNk6nBhicOFKy1l8M8bzqtzjIWlRkTQQIDLCAdj1bwdetiy70oBnSNsIOCHok"
    "N67ZjODeoYOs/0eKH6IqivSJuHe1sI9vYa1Nt50F04g64LpYo/JGmaB3NZw9vH0NUKTDrF"
    "WKepmod2KYPasqe6pABZUTQP4jciJTXeFNfUeJMrqkGdnH/ZSArhJE3zMN7+9pCZtmROxo"
    "oJqvOwHZUF7pbda0w/wPb0Fnra1LLxs4IACjtRx47UucDyzHQp3yDk1Ftaz/A0pYr6qAvb"
    "RaI+gsn6DKanCBXP94nnKixFxU/UwB+9QVKJqhwiDvsOqxXUU1ur1nXfga45XbQ4nvvwzq"
    "t1jns9bqMqsO/T6vAKFHvnqZSRLGuaIGlgqspxW8T0QlqtcU3kjC90UkkgHDZvILpHQqbD"
    "ozWmw6O86TBMoMojXFynNEFSfU3w3RgBtlahNKdsVplw+/3/ikxGoA=="
)
