-- Demo data for local development (API.md §9). Loaded by `npm run dev` into the LOCAL D1 only.
--
-- Re-runnable: every row has a fixed id (or key) and is written with INSERT OR IGNORE, so a
-- second run adds nothing and never overwrites what you changed while playing with the API.
-- Times are epoch milliseconds (UTC). Ids are 32 lowercase hex characters.
--
--   organization  Demo Org                          token: demo-token
--   users         6629aeada89133acedfad6d7d110123d  Jordan Example (the source document's user)
--                 bc1e726b25a24b3380b1a8381be401c6  Alice Anders
--                 6afa1411cddfe5b0948e396a94bf53c8  Bob Brown   (passed two offerings)
--                 4aa92037fc7fe1b417eaa807a187b67a  Carol Chen  (holds the only seat of the full one)
--   offerings     89cd2eada89133acedfad6d766a2d931  open, no retakes (the source document's offering)
--                 9b12f747da8da9bbbf7ce28b31659d2a  not yet open (registration begins 2099-01-01)
--                 26b123f5a6ae15e2aee6607f1d8c7207  closed (registration ended 2020-12-31)
--                 b91d19d5dab25db2ec080ca58455945d  open, allows retakes
--                 8a9d54d53dc5a2557dadee676af1cd4e  open, seat limit 1, already full
--   userfields    the seven predefined contact fields (d0c0ffee…01 to …07), and Employee Number
--                 (d0c0ffee…10, integer) in the private category HR (d0c0ffee…c1); Jordan has values

-- 2026-01-01T00:00:00Z = 1767225600000
INSERT OR IGNORE INTO organizations (id, name, created_at) VALUES
  ('8224e7887456e960430e4efc8273ef91', 'Demo Org', 1767225600000);

-- token_hash = SHA-256 hex of 'demo-token'
INSERT OR IGNORE INTO api_tokens (id, organization_id, name, token_hash, created_at, revoked_at) VALUES
  ('6f15f7aa8708b430bc7f479b254ffbea', '8224e7887456e960430e4efc8273ef91', 'demo',
   '7c43ef5ae21d43ce2743f770c68e24def1a43ee2f416d2438410c8af7af2ff2c', 1767225600000, NULL);

INSERT OR IGNORE INTO users
  (id, organization_id, first_name, last_name, username, email, username_key, email_key,
   password_hash, locale, tags, created_at, last_login_at, deleted_at) VALUES
  ('6629aeada89133acedfad6d7d110123d', '8224e7887456e960430e4efc8273ef91', 'Jordan', 'Example',
   'jordan.example', 'Jordan.Example@example.com', 'jordan.example', 'jordan.example@example.com',
   NULL, 'en', '[]', 1767225600000, NULL, NULL),
  ('bc1e726b25a24b3380b1a8381be401c6', '8224e7887456e960430e4efc8273ef91', 'Alice', 'Anders',
   'alice', 'alice@example.com', 'alice', 'alice@example.com',
   NULL, 'en', '[]', 1767312000000, NULL, NULL),
  ('6afa1411cddfe5b0948e396a94bf53c8', '8224e7887456e960430e4efc8273ef91', 'Bob', 'Brown',
   'bob', 'bob@example.com', 'bob', 'bob@example.com',
   NULL, 'en', '[]', 1767312001000, NULL, NULL),
  ('4aa92037fc7fe1b417eaa807a187b67a', '8224e7887456e960430e4efc8273ef91', 'Carol', 'Chen',
   'CarolC', 'carol@example.com', 'carolc', 'carol@example.com',
   NULL, 'en', '[]', 1767312002000, NULL, NULL);

-- 2020-01-01T00:00:00Z = 1577836800000, 2020-12-31T23:59:59Z = 1609459199000,
-- 2099-01-01T00:00:00Z = 4070908800000, 2099-12-31T23:59:59Z = 4102444799000
INSERT OR IGNORE INTO offerings
  (id, organization_id, title, catalog_description, dashboard_description, delivery_description,
   price, tags, order_index, begin_date, end_date, registration_begin_date, registration_end_date,
   allow_retake, passing_grade, seat_limit, created_at, deleted_at) VALUES
  ('89cd2eada89133acedfad6d766a2d931', '8224e7887456e960430e4efc8273ef91', 'Workplace Safety 101',
   'The basics of staying safe at work.', NULL, NULL,
   0, '["safety"]', 1, NULL, NULL, 1577836800000, NULL,
   0, 70, NULL, 1767225600000, NULL),
  ('9b12f747da8da9bbbf7ce28b31659d2a', '8224e7887456e960430e4efc8273ef91', 'Future Skills (not yet open)',
   'Registration opens on 2099-01-01.', NULL, NULL,
   49.5, '["future"]', 2, 4070908800000, NULL, 4070908800000, 4102444799000,
   0, 70, NULL, 1767225601000, NULL),
  ('26b123f5a6ae15e2aee6607f1d8c7207', '8224e7887456e960430e4efc8273ef91', 'Compliance 2020 (closed)',
   'Registration closed on 2020-12-31.', NULL, NULL,
   NULL, '["compliance"]', 3, NULL, NULL, 1577836800000, 1609459199000,
   0, 70, NULL, 1767225602000, NULL),
  ('b91d19d5dab25db2ec080ca58455945d', '8224e7887456e960430e4efc8273ef91', 'Annual Compliance Refresher',
   'Take it again every year.', NULL, NULL,
   NULL, '["compliance","annual"]', 4, NULL, NULL, NULL, NULL,
   1, 80, NULL, 1767225603000, NULL),
  ('8a9d54d53dc5a2557dadee676af1cd4e', '8224e7887456e960430e4efc8273ef91', 'First Aid Workshop (one seat)',
   'A single seat, already taken.', NULL, NULL,
   25, '["safety","workshop"]', 5, NULL, NULL, NULL, NULL,
   0, 70, 1, 1767225604000, NULL);

INSERT OR IGNORE INTO offering_categories
  (id, organization_id, name, description, color, order_index, created_at, deleted_at) VALUES
  ('deb3c83ffc1f46ad7026e63a83a586da', '8224e7887456e960430e4efc8273ef91', 'Safety',
   'Safety at work', '#d9534f', 1, 1767225600000, NULL),
  ('a83def3f29f63678315d107f2cdb5c6e', '8224e7887456e960430e4efc8273ef91', 'Compliance',
   'Regulatory courses', '#337ab7', 2, 1767225601000, NULL);

INSERT OR IGNORE INTO offering_category_links (offering_id, category_id, position) VALUES
  ('89cd2eada89133acedfad6d766a2d931', 'deb3c83ffc1f46ad7026e63a83a586da', 0),
  ('8a9d54d53dc5a2557dadee676af1cd4e', 'deb3c83ffc1f46ad7026e63a83a586da', 0),
  ('26b123f5a6ae15e2aee6607f1d8c7207', 'a83def3f29f63678315d107f2cdb5c6e', 0),
  ('b91d19d5dab25db2ec080ca58455945d', 'a83def3f29f63678315d107f2cdb5c6e', 0),
  ('b91d19d5dab25db2ec080ca58455945d', 'deb3c83ffc1f46ad7026e63a83a586da', 1);

-- Bob passed the no-retake offering (he cannot register again: retake_not_allowed) and the
-- retake offering (he can). Carol holds the only seat of the one-seat workshop (offering_full).
-- 2026-01-05T00:00:00Z = 1767571200000, 2026-01-15T09:00:00Z = 1768467600000,
-- 2026-01-20T14:30:00Z = 1768919400000
INSERT OR IGNORE INTO registrations
  (id, organization_id, user_id, offering_id, status, grade, grader_id, grader_comment,
   created_at, begin_at, last_active_at, end_at) VALUES
  ('64963a1dc9f6c1accc90d42e3b1fb25e', '8224e7887456e960430e4efc8273ef91',
   '6afa1411cddfe5b0948e396a94bf53c8', '89cd2eada89133acedfad6d766a2d931', 'passed', 92, 'grader-1', 'Well done',
   1767571200000, 1767571200000, 1768467600000, 1768467600000),
  ('2369b6f976b11c38bb4a12602414a157', '8224e7887456e960430e4efc8273ef91',
   '6afa1411cddfe5b0948e396a94bf53c8', 'b91d19d5dab25db2ec080ca58455945d', 'passed', 85, 'grader-1', NULL,
   1767571201000, 1767571201000, 1768467600000, 1768467600000),
  ('54dc847da8d4470fc53d3f4346565fae', '8224e7887456e960430e4efc8273ef91',
   '4aa92037fc7fe1b417eaa807a187b67a', '8a9d54d53dc5a2557dadee676af1cd4e', 'active', NULL, NULL, NULL,
   1768919400000, NULL, NULL, NULL);

INSERT OR IGNORE INTO agreements (organization_id, type, title, text, required, created_at, updated_at) VALUES
  ('8224e7887456e960430e4efc8273ef91', 'standard', 'Terms of Use',
   'By using this training site you agree to the Demo Org terms of use.', 1, 1767225600000, 1767225600000),
  ('8224e7887456e960430e4efc8273ef91', 'custom', 'Code of Conduct',
   'I will treat other learners and instructors with respect.', 0, 1767225600000, 1767225600000);

-- Userfields (API.md §7a): the predefined contact fields every organization starts with, and one
-- private category with one field. The unique index on live names keeps a second copy out when
-- the userfields migration already gave this organization its contact fields.
INSERT OR IGNORE INTO userfield_categories (id, organization_id, name, type, order_index, created_at) VALUES
  ('d0c0ffee0000000000000000000000c1', '8224e7887456e960430e4efc8273ef91', 'HR', 'private', 0, 1767225600000);

INSERT OR IGNORE INTO userfields
  (id, organization_id, name, name_key, type, category_id, order_index, created_at) VALUES
  ('d0c0ffee000000000000000000000001', '8224e7887456e960430e4efc8273ef91', 'Phone Number', 'phone number', 'text', NULL, 0, 1767225600000),
  ('d0c0ffee000000000000000000000002', '8224e7887456e960430e4efc8273ef91', 'Street 1', 'street 1', 'text', NULL, 1, 1767225600000),
  ('d0c0ffee000000000000000000000003', '8224e7887456e960430e4efc8273ef91', 'Street 2', 'street 2', 'text', NULL, 2, 1767225600000),
  ('d0c0ffee000000000000000000000004', '8224e7887456e960430e4efc8273ef91', 'City', 'city', 'text', NULL, 3, 1767225600000),
  ('d0c0ffee000000000000000000000005', '8224e7887456e960430e4efc8273ef91', 'State/Province', 'state/province', 'text', NULL, 4, 1767225600000),
  ('d0c0ffee000000000000000000000006', '8224e7887456e960430e4efc8273ef91', 'Postal Code', 'postal code', 'text', NULL, 5, 1767225600000),
  ('d0c0ffee000000000000000000000007', '8224e7887456e960430e4efc8273ef91', 'Country', 'country', 'text', NULL, 6, 1767225600000),
  ('d0c0ffee000000000000000000000010', '8224e7887456e960430e4efc8273ef91', 'Employee Number', 'employee number', 'integer',
   'd0c0ffee0000000000000000000000c1', 0, 1767225600000);

-- Jordan Example's values (stored as JSON text), where those fields exist under these ids.
INSERT OR IGNORE INTO userfield_values (user_id, userfield_id, value)
SELECT '6629aeada89133acedfad6d7d110123d', id, '"555-0100"' FROM userfields WHERE id = 'd0c0ffee000000000000000000000001';
INSERT OR IGNORE INTO userfield_values (user_id, userfield_id, value)
SELECT '6629aeada89133acedfad6d7d110123d', id, '"Springfield"' FROM userfields WHERE id = 'd0c0ffee000000000000000000000004';
INSERT OR IGNORE INTO userfield_values (user_id, userfield_id, value)
SELECT '6629aeada89133acedfad6d7d110123d', id, '4711' FROM userfields WHERE id = 'd0c0ffee000000000000000000000010';
