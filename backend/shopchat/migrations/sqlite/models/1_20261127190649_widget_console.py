from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "canned_reply" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "shortcut" VARCHAR(50) NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "shop_id" INT NOT NULL REFERENCES "shop" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_canned_repl_shop_id_ca1a1d" UNIQUE ("shop_id", "shortcut")
);
        CREATE TABLE IF NOT EXISTS "upload" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "key" VARCHAR(64) NOT NULL UNIQUE,
    "content_type" VARCHAR(50) NOT NULL,
    "size" INT NOT NULL,
    "width" INT,
    "height" INT,
    "created_at" TIMESTAMP NOT NULL,
    "agent_id" INT REFERENCES "agent" ("id") ON DELETE SET NULL,
    "shop_id" INT NOT NULL REFERENCES "shop" ("id") ON DELETE CASCADE,
    "visitor_id" INT REFERENCES "visitor" ("id") ON DELETE SET NULL
) /* An image a visitor or agent sent; the file lives under a random name on disk. */;
        ALTER TABLE "agent" ADD "notify_sound" INT NOT NULL DEFAULT 1;
        ALTER TABLE "agent" ADD "notify_desktop" INT NOT NULL DEFAULT 1;
        ALTER TABLE "agent" ADD "notify_title" INT NOT NULL DEFAULT 1;
        ALTER TABLE "conversation" ADD "context" JSON NOT NULL DEFAULT '{}';
        ALTER TABLE "message" ADD "upload_id" INT REFERENCES "upload" ("id") ON DELETE SET NULL;
        ALTER TABLE "shop" ADD "brand_color" VARCHAR(7) NOT NULL DEFAULT '#2563eb';
        ALTER TABLE "shop" ADD "widget_position" VARCHAR(5) NOT NULL DEFAULT 'right';
        ALTER TABLE "shop" ADD "secret_encrypted" TEXT NOT NULL DEFAULT '';
        ALTER TABLE "shop" ADD "offline_message" TEXT NOT NULL DEFAULT '';
        ALTER TABLE "shop" ADD "business_hours" JSON;
        ALTER TABLE "visitor" ADD "referrer" VARCHAR(2000);
        ALTER TABLE "visitor" ADD "last_page_title" VARCHAR(500);
        ALTER TABLE "visitor" ADD "visits" INT NOT NULL DEFAULT 1;
        ALTER TABLE "visitor" ADD "timezone" VARCHAR(64);
        ALTER TABLE "visitor" ADD "verified" INT NOT NULL DEFAULT 0;
        ALTER TABLE "visitor" ADD "external_id" VARCHAR(200);
        CREATE INDEX "idx_visitor_shop_id_6c6d16" ON "visitor" ("shop_id", "external_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_visitor_shop_id_6c6d16";
        ALTER TABLE "message" DROP FOREIGN KEY "fk_message_upload_1461abe3";
        ALTER TABLE "agent" DROP COLUMN "notify_sound";
        ALTER TABLE "agent" DROP COLUMN "notify_desktop";
        ALTER TABLE "agent" DROP COLUMN "notify_title";
        ALTER TABLE "conversation" DROP COLUMN "context";
        ALTER TABLE "message" DROP COLUMN "upload_id";
        ALTER TABLE "shop" DROP COLUMN "brand_color";
        ALTER TABLE "shop" DROP COLUMN "widget_position";
        ALTER TABLE "shop" DROP COLUMN "secret_encrypted";
        ALTER TABLE "shop" DROP COLUMN "offline_message";
        ALTER TABLE "shop" DROP COLUMN "business_hours";
        ALTER TABLE "visitor" DROP COLUMN "referrer";
        ALTER TABLE "visitor" DROP COLUMN "last_page_title";
        ALTER TABLE "visitor" DROP COLUMN "visits";
        ALTER TABLE "visitor" DROP COLUMN "timezone";
        ALTER TABLE "visitor" DROP COLUMN "verified";
        ALTER TABLE "visitor" DROP COLUMN "external_id";
        DROP TABLE IF EXISTS "upload";
        DROP TABLE IF EXISTS "canned_reply";"""


MODELS_STATE = (
    "eJztnXtv2zgSwL+K4PunC3SLvJwucocD3NTd5jaxF7Hb3dumEGSbtonIpCtSSbx7/e5H6m"
    "G9SEWMJVnWEiiahOLo8SNFDmeGo786KzwDNnnTWwBEOxfGXx1krQD7JXngtdGx1uuomBdQ"
    "a2J7Na1tlQmhjjXl55lbNgGsaAbI1IFrCjFipci1bV6Ip6wiRIuoyEXwmwtMiheALoHDDn"
    "z50iFLvObnBSsL2p2vX9mvEM3AEyD8OP9zfW/OIbBniTuHMy7klZt0s/bKrhD94FXkl5+Y"
    "U2y7KxRVXm/oEqNtbeg/D3su4FgU8NNTx+XPw283eO7wEf1bj6r4txiTmYG55do09vwTMy"
    "rrmOZgODZH/bFpdhSITTHitNmtEu/pF/wWfjw5Pnt79tPp+dlPrIp3m9uSt9/9S0dgfEEP"
    "z2Dc+e4dt6jl1/AYR1D9NshwvVxajhjsViDFlt10mm1IMg9uWBDRjbpYHXhX1pNpA7SgS8"
    "60e5YD83Pv9vJj7/YVq/UDvyRm74T/pgyCQyf+MU48Iry2CHnEzsxcWmSpQjoj2EbiR0dF"
    "iB8dyYnzY0ni3k8F0GF9zbcYXwfbEr595K48xlfsniw0BRnWoWx9rKN5TAF3Z/jboH97Ye"
    "BHdkN3qPdzfzC+MKIzKTbDcZFWOJY3wnGmDSAx2YwMHwQN8Q4zxhaSzItxuVQjTJhgVa0Q"
    "zpkV9PgctO+Gw2t+5hUh32yv4GqcYvzp5l2fsffQs0qQgvjEGRtUMIXzjUmwiwR6SC7ztK"
    "jGroydQioac4pg34pq7MrY2T3eU19ZVwcfE9boi6OfOoAjMS2axf6eHaFwBcTck5Ip5rNA"
    "9E34yyHqNuwBZ0Nkb4J2zmmQ8dVNfzTu3fyaaJX3vXGfHznxSjep0lfnqQl4exLjt6vxR4"
    "P/afwxHPQ9vJjQheNdMao3/qPD78lyKTYRfjStWWy9GJaG1BKtztfEptIKNybx/DL3EBq3"
    "hJUutx3M74UL3dDokKT7ATsALtAvYJNRW1NQA7vJKDjNgcH9HvaesDTqlo71uDW2xDsVe3"
    "b2xMAfpi57o8ve+37HIzyxpvePFluYylADQtj9EcG0EUh++OUW2Jb3EFLSnoVq5J+qRcQT"
    "bz1b4bPeB0QKpQKpS4wegEO2tZ4hFbT7QYFasX7AVl87dqkb/ywtZeSubWzNdkT0yTtJiw"
    "jxAQuf4NhAlRjCsodWJ6t0iYVYr5kF1+ZXEg1RMiN7bAh7xtZukljV52zunZ5h4wVEFwZm"
    "CpFBl8AYfez9eNI9N/Dc+3MCLAc4BsX3ABmQGISyyW72Jm2/2OlEAvu+Nufv0ZzvtZGypT"
    "kpVY5pbr+YE9a38yJW/XO5Uf88Y9PXazQ5+vau0cDTGrKzvaDVk5ItbPUDaeWQSW4z+3Ox"
    "0vQUF9GL8ecX41tHyo6r8W0Uw4HhLbocj/cr1fV4lYrvpYXYqvUWrL1hPqP3xg/nqr1Tr6"
    "LpbGtWFGnCfjp06lIdbLJX7XTbDAq6aVymhQ76bhHPcFfuGe5mPMMTPNtkAY/Bk6TzhvVb"
    "ATdPD+n/Pk6oICHEVze9339IqCHXw8HPYfUY9Mvr4Tu9ENALAe2s0c6aJmiHOzhrKlUO4+"
    "4IkXaYclfkqIfpmqWqhylV8Eucp20RagZOh2CIZge+anWxVnWRWtQV+DOKRRpG0jXGGuI1"
    "QB013J3hr/3BhcEl7xBTMUb99xfG1MbEdwvuP9RQ8C6oKDoC8RK0nWa6n5qu3BSyf3kNRs"
    "A3hREtLlKffnPU6HEt5phFXBU2JUYvKdS0mAYrAfsACaTYUUcbE9Rw03ADOKZHSm04EIlq"
    "wGnAvnH3BXizghpuJooWIwqeBMPtf0bDgcQiE4mkFRQ4pcb/DBuSyrh2/jV30ZRTMyYutC"
    "lE5A2/7L8VtckyNBaOKN9SljaKpbQQfgJtKdOWsm2AI1B0pyalXjS6NWyBUPb4pk2QVek7"
    "SlCTQpqrNu3WZNoV9NwSqH6OztRSsMkX9nm24VRUAtyiwSoNm7kKx6okJ+0EWnYPxuDT9X"
    "Wx/SN1B/sfSl+uNJY9xCVw2MRIyn01q1ilkqN40m4gvuhlz5I9MLUhXxmvyMIMvTU61mdf"
    "zhslk0btdozGk41NQS6DIpjdi7nBIukmB/h0Pl+NrsbD2wsjmKCTOTfu0Oi/o3H/5sIgG0"
    "LBqhmOsXsoSgVRrFlC2Rp9k6FxS6VZeBQUG5eY5B26umFNcmHAFWuSO9T/7DUPeGhMShQd"
    "+FZn4FtiqhW+BBJrXlrwRfgbpiNXvd+IXQc4yBIkastP9hMTqzEFx7ZE5+DQxupDMlbvYe"
    "NP0way8t1w2xWaGlmBpF4diGIgvA37amwTMrrbPmuzTtsZdjQEKubraFoPLmoQFLzBBeyt"
    "Ne8MbFhH3nljYGRpzQ4SJWBtW3qQNNfEyKhswq7SPus5vATG2dARJrfMhh63SqPntXG1Tu"
    "PqPRBYOuRr7qB66xJ7nBWxIZ3JbUhnGRsSAWwBR5UTqKTEWge6fIuGztFdbY5uy7bxI2Bz"
    "jgMXUJSKTx4HKRBtRjwkv15r4iHZMUD5DWVaRm6xjsvU6DjYA/JKbNYTx0IzjlPmTZP4CZ"
    "JiNYL/x0n3/BRMquKfHIbyNJIQ/lvpEPQ2PQA9whlTFk32GkDxslkOXCBaI3Q26i1V/WQv"
    "RN4tkvtBnvohjRzP5zZEwIyFYhQdWQSieoBRH2BcwiASYi6x6yjNuVnJnabcZq6+a5tbA3"
    "UcoKmzWVNRel35myCS1a+CToxS4hzQLg9axm5eJMTTs1+WkSD8ANtfGt6ZeH+izGhw10jY"
    "VDq2VuKK+Rp2pdVO74zAH1BXqvCDRBTEIe7IqH0bKioNQg+6lMDNEXU2uaMj8nIVyJ6O/E"
    "BGwwojTg32z5uWDML++6eX+XwObcB07gdADJc1A6tgcGMAXhn89gyMjBkk94KU6mWfXTtg"
    "tAOmGWCrzqzON+Ej6jNSIJyWa6GfoPxUoQT+KYAs36QRVNdxWII4rEc4owKfoRTmtr6Ov8"
    "rCXILQCFuQZiSgcepw5r+vMUaHM+usGwdFdF9ZN1rYUXXSjR2DPxufdKNhnbaEnBvicGUd"
    "BF5WEHgT020cCO1KDZ3hOy+wdMaGA7mpMzb61JcUHTz520m3yTW0vbEue+PandhwqrjVOi"
    "HUOttj+cHf+uOZtZh448OIAueUWPvSBlQSB/4AHMhOJ/rCeF7mgLiYzhygkDmg1n0Nf7/u"
    "DFYWFGTByBk1QoEWAu4WGZpZLTngbmZw9r7ksOaf6nAdJdAZwRYCPyrapXP7tPgDKx46Cq"
    "mtNHwIRNvHvVsIezeHejcL3QFz4DhAaSdIXKZ9mKvq3i4BjuzjJ3LWSan20a6kU9t4aikO"
    "IFuJ9iE+LbK/5lS+weY0s8OGOzn/xEiJcFymfYzLXx56pi2BMTLfGyTaM1Ohh+24Krglu9"
    "fm0PG+zAUEG/DyPf9JSe35PyTPf/A5NvVGTwjqNj+kNtehCdqH3gCf5A7fJNa7eYpj3+Nu"
    "noapo3tx3/aAA6fLjsB7Gxx5nee8taI6OiXXIc0Or3M8tHyUUcxzERNp4XaFk26R5TerlW"
    "OezizA+UulQDio3kK6x4XMR8c55qPjrPko2ESTJfzMRzOFNroakkRVP62I4JaWskJh53z5"
    "k9n3/wOHeOJ6"
)
