from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "shop" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "key" VARCHAR(40) NOT NULL UNIQUE,
    "secret_hash" VARCHAR(64) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "allowed_origins" JSONB NOT NULL,
    "greeting" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS "agent" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "email" VARCHAR(254) NOT NULL,
    "password_hash" VARCHAR(200) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "role" VARCHAR(10) NOT NULL,
    "is_active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "shop_id" INT NOT NULL REFERENCES "shop" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_agent_shop_id_a11adc" UNIQUE ("shop_id", "email")
);
COMMENT ON COLUMN "agent"."role" IS 'OWNER: owner\nAGENT: agent';
CREATE TABLE IF NOT EXISTS "agent_session" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "agent_id" INT NOT NULL REFERENCES "agent" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "agent_session" IS 'A login: only the SHA-256 of the bearer token is stored.';
CREATE TABLE IF NOT EXISTS "visitor" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "public_id" VARCHAR(40) NOT NULL UNIQUE,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "name" VARCHAR(200),
    "email" VARCHAR(254),
    "last_page_url" VARCHAR(2000),
    "user_agent" VARCHAR(500),
    "locale" VARCHAR(35),
    "first_seen" TIMESTAMPTZ NOT NULL,
    "last_seen" TIMESTAMPTZ NOT NULL,
    "shop_id" INT NOT NULL REFERENCES "shop" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "conversation" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "status" VARCHAR(10) NOT NULL,
    "last_message_at" TIMESTAMPTZ,
    "last_seq" INT NOT NULL,
    "unread_agent" INT NOT NULL,
    "unread_visitor" INT NOT NULL,
    "visitor_read_seq" INT NOT NULL,
    "agent_read_seq" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "assignee_id" INT REFERENCES "agent" ("id") ON DELETE SET NULL,
    "shop_id" INT NOT NULL REFERENCES "shop" ("id") ON DELETE CASCADE,
    "visitor_id" INT NOT NULL REFERENCES "visitor" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_conversatio_shop_id_4a1415" ON "conversation" ("shop_id", "last_message_at", "id");
COMMENT ON COLUMN "conversation"."status" IS 'OPEN: open\nCLOSED: closed';
CREATE TABLE IF NOT EXISTS "message" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "seq" INT NOT NULL,
    "author" VARCHAR(10) NOT NULL,
    "kind" VARCHAR(10) NOT NULL,
    "body" TEXT NOT NULL,
    "client_msg_id" VARCHAR(64),
    "internal" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "agent_id" INT REFERENCES "agent" ("id") ON DELETE SET NULL,
    "conversation_id" INT NOT NULL REFERENCES "conversation" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_message_convers_bc0d0e" UNIQUE ("conversation_id", "seq"),
    CONSTRAINT "uid_message_convers_27e71b" UNIQUE ("conversation_id", "client_msg_id")
);
COMMENT ON COLUMN "message"."author" IS 'VISITOR: visitor\nAGENT: agent\nSYSTEM: system';
COMMENT ON COLUMN "message"."kind" IS 'TEXT: text\nIMAGE: image\nEVENT: event';
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztnOtP2zoUwP+VKJ82iSFglDuhqyuV0m29g3aiHdvdmCI3Na1FYnexw0O7/O/XzqN5OW"
    "0CSUhz84li+zjO79jxOceP36pJZtCgu905xEw9Vn6rGJiQ/4hm7CgqWC6DZJHAwNRwSoJV"
    "kSllFtBFPdfAoJAnzSDVLbRkiGCeim3DEIlE5wURngdJNka/bKgxModsAS2e8eOHShdkKe"
    "qFJkCG+vMn/4nwDN5DKvLFv8sb7RpBYxZpOZoJISddYw9LJ22A2XunoHj8VNOJYZs4KLx8"
    "YAuCV6WR+z78vaAFGBTVM8sW7yOa6723/4pu04MibhNDMjN4DWyDhd5/qgVpqqYNRxNt3J"
    "9ompqDmE6woM2bSp23n4smvDnYP/zj8N3bo8N3vIjTzFXKH4/uowMwrqCDZzhRH518wIBb"
    "wmEcQHV1kODaWwBLDnYlEGPLGx1n65NcB9dPCOgGXawKvCa41wyI52whmHYO18C87F70Pn"
    "YvXvFSr8UjCR8T7kgZelkHbp4gHhBeAkrviDXTFoAu8pBOCDaR+N5eFuJ7e+nERV6UuPM3"
    "B2i/fMs3G1+LGCl8+9g2HcYD3iaAdZhg7ctWxzqYx3LgVkdfh/2LY4Xc8QZd4e6H/nByrA"
    "Q15VTDfhYt7KcrYT+hA0Q1PiOjW4kiTghnDHDKvBiWiylhygXL0oI/Z5bQ49egPRmNzkTN"
    "JqW/DCdhMIkx/nJ+0ufsHfS8EGIwPHEGwHULCiQaYEnipzyHIRPKkUclY8xnnuiu/2MbPz"
    "n8BWcjbDx4el6jkMngvD+edM8/R7Ry2p30Rc6Bk/oQS311FBsXq0qUr4PJR0X8q3wfDfsO"
    "XkLZ3HKeGJSbfFdFm4DNiIbJnQZmITPOT/WpRbQuTFUtl+EZkthsfW6DcgswQIVJf30jtT"
    "99XyBK9z2xIJrjT/AhMZvEoHruzNirZsvgPvq9x08NuqUF7lY+ULhT8Xfnbwzdz1SvO+51"
    "T/uqQ3gK9Js7wO3FNNSQUt4+KpkxPMn3ny6gAZyXSCXtOI5jt6oGEY+Mem54894HJcM+D6"
    "kewbfQoqtSG0h5et8qUCbvB9woemaXOndraRAjMRzJAQkNw8gATWaZB2Y8BWDOZOY9WzxJ"
    "NgDTIjuhAbohwKPRUNFNgR61qxhkjjA3jPl0r7AFVMYfu28OOkcKuXb+nUJgQUth5AZiBV"
    "GFMv4pn+3GjeZnVSQJKrUxpBeMITk6yh3eiEoV4w++LOaIy3eUJZR0lB5JOkoEkloPJB19"
    "cz0QeL9EvLYnaD0q2UCtb4mWfSZr1ezOxbmmp7BI62pudjVX0btn+pqrpbMtw5vV2Qz3q7"
    "zeZpmGb8Sfkhi+cX8r3fDV4yULXeCM2aI/wt67ASjTPK/J+zDzjJ+tvVqlvcoHOLMlPmu2"
    "FYxAusI1DLKEOPcSxuf+kPtXXPIK985G4/7psaIbhLpxjZdfwpCMhTzmjUS8ABunnhGGRp"
    "g4jsIo/JXjixYWqc7E2av1dy0AamPh9mgpdk0q1LhYCzYF7C2iiBErP9qQYAs3DteDozmk"
    "8n0OZKIt4Dhg135/At6kYAu33QbQBuFWC4IwZ4AmKvWkwVQze7To4dTuryhres0FNSrUcm"
    "33rVS0b0XScwugehnU1FCw0QG7ma0/FVUY/q7ZzJU5+h2dtCNoeRuU4Zezs2z7rareHLMt"
    "fbnU3TE+Lsn6QIhk+tKAGSpU8LGn+KqD8LH4uyQzdAMJR8ykc81fHGj3trzUWkEuD7pyt7"
    "n2ZENTkM2hSGb3bKsugXSdT+mol4PxYDK6OFa8CTp6dOQKj/8ZT/rnxwp9oAya9ViHueEM"
    "nqoWX7bCpTAG73Of5pn0v3EdCMkrPDjnKjlWkMlVcoX7l4564G1tTvZMyewhqY4Jb7v8m+"
    "OXr/O4KGS9i+swEi7yIb467357HQkZnY2GH/ziIei9s9FJPJwXmWqlgyAlmhcXfBL+mtnI"
    "Ze9g5M+BFgaS88brz6yFxCo8srZKac+stcHqbQpWv8BWwrp9yIpe9Ql5aPnISiRb72BzeD"
    "XuEj8zZpXzKFbdYGeNXUk6W4bQYMXbYmv2qXj2rtgsQcEyI17OEoIk3OUvLaTHuvw1jFK3"
    "v7bhqirDVTdQ4jumezFe8cYdvjrM4pUfpnvlhwmvnEJuErPch9xiYo0DXbyP2F7eU+7lPc"
    "AwyB337IiF5kh2GcDf49EwxUtIisY9Q6Qz5V/FQLQ0m1b989rGugCrTG1kMN6QXfG8v3LG"
    "BItw1QWq9SGpePRpJ+rtiQriISmex51q3qCEZtJjgGGZCkOxL4C8nChgGyf5n8RJEi5nlo"
    "V8x/Qv4tqULdR/pmtAwn7nMzk11FOXbXR6JqnmbXIqdWOIj0viKYdIpjvLod1prb/cGH95"
    "aU8NpOdc+4sINc6lK953bu+HaZ7nXLMobgWOc8U3ZdcbcBkXZTuHfZfiNLdt5QKdEGwg8L"
    "2sXXptn050aptCK+0AcTrwqFTzaHcywe6sYd1JojaIDtLuzU7p1yuJ5iF+28lA+G0nFbDI"
    "ivK9RpZzWQCULBivD+JEJdsgTt2DOJJLJfIrPSLY6nybdN4eGm0PN9ZgR0ghl3K3odOXvU"
    "wZWkhfqLJrlN2cnbUXKAdl2pDgNn37dtaEBMUYku46TDfUQyJN3IbQyWKr81JrnP2EtS4G"
    "VQ7CXvEG0t3P5Gvur/E195O+Jn8ik/r06Zs7QiLVb+oof1opdftGjlXl4iezx/8AyDqKQA"
    "=="
)
