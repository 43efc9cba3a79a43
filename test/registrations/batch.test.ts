/**
 * Contract tests of POST <prefix>/registrations/batch (issue 16): one entry per item, in order,
 * each exactly the single POST's answer at that moment (API.md §3); seats and pairs decided in
 * order within a batch and across concurrent ones; atomic mode; the request-level errors of every
 * POST; Idempotency-Key replay; tenancy. What a 201 entry names is read back through GET.
 */
import { describe, expect, it } from "vitest";
import { insertOffering, insertRegistration, insertUser, newOrganization, type TestOrganization } from "../support/fixtures";
import { call, parts } from "../support/http";
import { PREFIX, ID, ISO_SECOND, expectError, type Json } from "../support/contract";
import { authenticationTests, bodyRuleTests, type Endpoint, type Target } from "../support/common-tests";

const HOUR = 3_600_000;
const UNAVAILABLE_MESSAGE = "This offering is not available for registration for the given user";
const NO_USER = "No user exists with the given userId";
const NO_OFFERING = "No offering exists with the given offeringId";
const SIZE = { errors: ["registrations must be an array of 1 to 500 items"] };
const ATOMIC_REFUSED = "No registration was made: at least one item was refused";

const unavailable = (code: string) => ({ status: 400, errors: [UNAVAILABLE_MESSAGE], code });
const invalid = (...errors: string[]) => ({ status: 400, errors, code: "validation_failed" });

type Item = Record<string, unknown> | unknown;

function postBatch(
  org: TestOrganization,
  json: unknown,
  options: { prefix?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return call("POST", `${options.prefix ?? PREFIX}/registrations/batch`, { token: org.token, json, headers: options.headers });
}

interface Entry {
  status: number;
  id?: string;
  location?: string;
  errors?: string[];
  code?: string;
}

/** A 200 answer's results. */
async function results(response: Response): Promise<Entry[]> {
  const answer = await parts(response);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect(answer.contentType).toBe("application/json");
  expect(answer.errorCode).toBeNull();
  return (answer.body as { results: Entry[] }).results;
}

/** A 201 entry: its id, after checking its Location form. */
function created(entry: Entry | undefined, prefix = PREFIX): string {
  expect(entry?.status).toBe(201);
  expect(entry?.id).toMatch(ID);
  expect(entry).toEqual({ status: 201, id: entry?.id, location: `${prefix}/registrations/${entry?.id}` });
  return entry?.id ?? "";
}

async function registrationsOf(org: TestOrganization, query = ""): Promise<Json[]> {
  const response = await call("GET", `${PREFIX}/registrations?limit=100${query}`, { token: org.token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: Json[] }).results;
}

async function readBack(org: TestOrganization, location: string): Promise<Json> {
  const response = await call("GET", location, { token: org.token });
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

async function users(org: TestOrganization, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await insertUser(org.id));
  return ids;
}

const pair = (userId: string, offeringId: string) => ({ userId, offeringId });

describe("POST /registrations/batch", () => {
  authenticationTests({ method: "POST", path: `${PREFIX}/registrations/batch`, json: { registrations: [] } });

  describe("success", () => {
    it("answers 200 with one 201 entry per item, in order; each names what GET /registrations/<id> finds", async () => {
      const org = await newOrganization();
      const [ada, bob] = await users(org, 2);
      const offeringId = await insertOffering(org.id, { title: "Safety" });
      const other = await insertOffering(org.id, { title: "First aid" });
      const entries = await results(
        await postBatch(org, { registrations: [pair(ada!, offeringId), pair(bob!, offeringId), pair(ada!, other)] }),
      );
      expect(entries).toHaveLength(3);
      const expected = [
        [ada, offeringId, "Safety"],
        [bob, offeringId, "Safety"],
        [ada, other, "First aid"],
      ];
      for (const [i, entry] of entries.entries()) {
        const id = created(entry);
        const [userId, offering, title] = expected[i]!;
        const read = await readBack(org, entry.location!);
        expect(read).toEqual({ id, userId, offeringId: offering, title, status: "active", createdDate: read.createdDate });
        expect(read.createdDate).toMatch(ISO_SECOND);
      }
      expect(await registrationsOf(org)).toHaveLength(3);
    });

    it("Locations use the base path the request came in on (/api/v5)", async () => {
      const org = await newOrganization();
      const userId = await insertUser(org.id);
      const offeringId = await insertOffering(org.id);
      const [entry] = await results(await postBatch(org, { registrations: [pair(userId, offeringId)] }, { prefix: "/api/v5" }));
      created(entry, "/api/v5");
    });

    it("ignores unknown properties of the body and of the items", async () => {
      const org = await newOrganization();
      const userId = await insertUser(org.id);
      const offeringId = await insertOffering(org.id);
      const [entry] = await results(
        await postBatch(org, { registrations: [{ userId, offeringId, status: "passed" }], note: "x", atomic: false }),
      );
      const id = created(entry);
      expect((await readBack(org, `${PREFIX}/registrations/${id}`)).status).toBe("active");
    });
  });

    it("reads an item as the single POST reads its body: studentId is userId (userId wins), null is absent", async () => {
      const org = await newOrganization();
      const [first, second] = await users(org, 2);
      const offeringId = await insertOffering(org.id);
      const entries = await results(
        await postBatch(org, {
          registrations: [
            { studentId: first, offeringId },
            { userId: second, studentId: "65ade781cc98d136543678191005431a", offeringId },
            { userId: null, offeringId },
          ],
        }),
      );
      const ids = [created(entries[0]), created(entries[1])];
      expect((await readBack(org, `${PREFIX}/registrations/${ids[0]}`)).userId).toBe(first);
      expect((await readBack(org, `${PREFIX}/registrations/${ids[1]}`)).userId).toBe(second);
      expect(entries[2]).toEqual(invalid("userId is required"));
    });

  describe("items are decided in order, as if posted one after another", () => {
    it("the same pair twice: 201, then already_registered", async () => {
      const org = await newOrganization();
      const userId = await insertUser(org.id);
      const offeringId = await insertOffering(org.id);
      const entries = await results(await postBatch(org, { registrations: [pair(userId, offeringId), pair(userId, offeringId)] }));
      created(entries[0]);
      expect(entries[1]).toEqual(unavailable("already_registered"));
      expect(await registrationsOf(org)).toHaveLength(1);
    });

    it("a seat taken by an earlier item is no longer free for a later one", async () => {
      const org = await newOrganization();
      const people = await users(org, 5);
      const offeringId = await insertOffering(org.id, { seatLimit: 3 });
      await insertRegistration(org.id, { userId: people[0]!, offeringId });
      const entries = await results(await postBatch(org, { registrations: people.slice(1).map((u) => pair(u, offeringId)) }));
      created(entries[0]);
      created(entries[1]);
      expect(entries.slice(2)).toEqual([unavailable("offering_full"), unavailable("offering_full")]);
      const active = await registrationsOf(org, `&offeringId=${offeringId}&status=active`);
      expect(active.map((r) => r.userId).sort()).toEqual(people.slice(0, 3).sort());
    });

    it("a seat freed before the batch is taken by the first item that wants it; the registration of an ejected user does not block", async () => {
      const org = await newOrganization();
      const [ada, bob] = await users(org, 2);
      const offeringId = await insertOffering(org.id, { seatLimit: 1 });
      await insertRegistration(org.id, { userId: ada!, offeringId, status: "ejected", endAt: Date.now() });
      const entries = await results(await postBatch(org, { registrations: [pair(ada!, offeringId), pair(bob!, offeringId)] }));
      created(entries[0]);
      expect(entries[1]).toEqual(unavailable("offering_full"));
    });

    it("one person into a curriculum of offerings", async () => {
      const org = await newOrganization();
      const userId = await insertUser(org.id);
      const offerings: string[] = [];
      for (let i = 0; i < 5; i++) offerings.push(await insertOffering(org.id, { title: `Module ${i}` }));
      const entries = await results(await postBatch(org, { registrations: offerings.map((o) => pair(userId, o)) }));
      const read = await Promise.all(entries.map((entry) => readBack(org, entry.location!)));
      expect(read.map((r) => [r.userId, r.offeringId, r.title])).toEqual(offerings.map((o, i) => [userId, o, `Module ${i}`]));
    });
  });

  describe("each refused item carries exactly the single POST's body and X-Error-Code", () => {
    it("field errors (both fields together), a non-object item, references, and every availability reason, in one batch", async () => {
      const org = await newOrganization();
      const userId = await insertUser(org.id);
      const retaker = await insertUser(org.id);
      const deleted = await insertUser(org.id, { deletedAt: Date.now() });
      const open = await insertOffering(org.id);
      const noRetake = await insertOffering(org.id, { allowRetake: false });
      await insertRegistration(org.id, { userId: retaker, offeringId: noRetake, status: "passed", grade: 100, endAt: Date.now() });
      const notOpen = await insertOffering(org.id, { registrationBeginDate: Date.now() + HOUR });
      const closed = await insertOffering(org.id, { registrationEndDate: Date.now() - HOUR });
      const ended = await insertOffering(org.id, { endDate: Date.now() - HOUR });
      const full = await insertOffering(org.id, { seatLimit: 1 });
      await insertRegistration(org.id, { userId: retaker, offeringId: full });
      const gone = await insertOffering(org.id, { deletedAt: Date.now() });
      const unknown = "0123456789abcdef0123456789abcdef";

      const items: Item[] = [
        pair(userId, open),
        {},
        { userId: null, offeringId: "" },
        { userId: 5, offeringId: open },
        { userId, offeringId: ["x"] },
        "not an object",
        null,
        [userId, open],
        pair(unknown, open),
        pair(userId, unknown),
        pair("not-an-id", "also-not"),
        pair(deleted, gone),
        pair(retaker, noRetake),
        pair(userId, notOpen),
        pair(userId, closed),
        pair(userId, ended),
        pair(userId, full),
        pair(userId, open),
      ];
      const entries = await results(await postBatch(org, { registrations: items }));
      const notObject = { status: 400, errors: ["Request body must be a JSON object"], code: "invalid_body" };
      expect(entries.slice(1)).toEqual([
        invalid("userId is required", "offeringId is required"),
        invalid("userId is required", "offeringId is required"),
        invalid("userId must be a string"),
        invalid("offeringId must be a string"),
        notObject,
        notObject,
        notObject,
        { status: 400, errors: [NO_USER], code: "unknown_user" },
        { status: 400, errors: [NO_OFFERING], code: "unknown_offering" },
        { status: 400, errors: [NO_USER, NO_OFFERING], code: "unknown_user" },
        { status: 400, errors: [NO_USER, NO_OFFERING], code: "unknown_user" },
        unavailable("retake_not_allowed"),
        unavailable("registration_not_open"),
        unavailable("registration_closed"),
        unavailable("offering_ended"),
        unavailable("offering_full"),
        unavailable("already_registered"),
      ]);
      const id = created(entries[0]);
      expect((await registrationsOf(org, `&userId=${userId}`)).map((r) => r.id)).toEqual([id]);
    });

    it("each entry equals what the single POST answers for the same item in the same state", async () => {
      const org = await newOrganization();
      const userId = await insertUser(org.id);
      const offeringId = await insertOffering(org.id, { seatLimit: 1 });
      const twin = await newOrganization();
      const twinUser = await insertUser(twin.id);
      const twinOffering = await insertOffering(twin.id, { seatLimit: 1 });
      const otherUser = await insertUser(twin.id);

      const items = [pair(userId, offeringId), pair(userId, offeringId), { userId }, pair(userId, "nope")];
      const entries = await results(await postBatch(org, { registrations: items }));
      const singles = [pair(twinUser, twinOffering), pair(twinUser, twinOffering), { userId: twinUser }, pair(twinUser, "nope")];
      for (const [i, item] of singles.entries()) {
        const single = await parts(await call("POST", `${PREFIX}/registrations`, { token: twin.token, json: item }));
        const entry = entries[i]!;
        if (single.status === 201) {
          expect(entry.status).toBe(201);
        } else {
          expect(entry).toEqual({ status: single.status, ...(single.body as object), code: single.errorCode });
        }
      }
      // The seat is taken in both organizations: another user is refused alike.
      expect((await results(await postBatch(twin, { registrations: [pair(otherUser, twinOffering)] })))[0]).toEqual(
        unavailable("offering_full"),
      );
    });
  });

  describe("tenancy", () => {
    it("another organization's users and offerings are unknown, and its seats are not counted", async () => {
      const org = await newOrganization();
      const other = await newOrganization();
      const userId = await insertUser(org.id);
      const offeringId = await insertOffering(org.id, { seatLimit: 1 });
      const theirUser = await insertUser(other.id);
      const theirOffering = await insertOffering(other.id);
      await insertRegistration(other.id, { userId: theirUser, offeringId: theirOffering });
      const entries = await results(
        await postBatch(org, {
          registrations: [pair(theirUser, offeringId), pair(userId, theirOffering), pair(theirUser, theirOffering), pair(userId, offeringId)],
        }),
      );
      expect(entries.slice(0, 3)).toEqual([
        { status: 400, errors: [NO_USER], code: "unknown_user" },
        { status: 400, errors: [NO_OFFERING], code: "unknown_offering" },
        { status: 400, errors: [NO_USER, NO_OFFERING], code: "unknown_user" },
      ]);
      created(entries[3]);
      expect(await registrationsOf(other)).toHaveLength(1);
    });
  });

  describe('"atomic": true', () => {
    it("all items registered: 200 as without atomic", async () => {
      const org = await newOrganization();
      const people = await users(org, 2);
      const offeringId = await insertOffering(org.id, { seatLimit: 2 });
      const entries = await results(await postBatch(org, { atomic: true, registrations: people.map((u) => pair(u, offeringId)) }));
      entries.forEach((entry) => created(entry));
      expect(await registrationsOf(org)).toHaveLength(2);
    });

    it("one item refused: 409, nothing registered, the per-item results beside the error; X-Error-Code is the first refusal's", async () => {
      const org = await newOrganization();
      const people = await users(org, 4);
      const offeringId = await insertOffering(org.id, { seatLimit: 2 });
      const response = await postBatch(org, { atomic: true, registrations: people.map((u) => pair(u, offeringId)) });
      await expectError(response, 409, "offering_full", {
        errors: [ATOMIC_REFUSED],
        results: [{ status: 409 }, { status: 409 }, unavailable("offering_full"), unavailable("offering_full")],
      });
      expect(await registrationsOf(org)).toEqual([]);
      // The seats are still free: the same cohort's first two get them afterwards.
      const entries = await results(await postBatch(org, { atomic: true, registrations: people.slice(0, 2).map((u) => pair(u, offeringId)) }));
      entries.forEach((entry) => created(entry));
    });

    it("an item with field errors refuses the whole batch too; the others are still decided in order", async () => {
      const org = await newOrganization();
      const userId = await insertUser(org.id);
      const offeringId = await insertOffering(org.id);
      const response = await postBatch(org, {
        atomic: true,
        registrations: [pair(userId, offeringId), pair(userId, offeringId), { offeringId }],
      });
      await expectError(response, 409, "already_registered", {
        errors: [ATOMIC_REFUSED],
        results: [{ status: 409 }, unavailable("already_registered"), invalid("userId is required")],
      });
      expect(await registrationsOf(org)).toEqual([]);
    });

    it("only invalid items: 409 with their errors", async () => {
      const org = await newOrganization();
      await expectError(await postBatch(org, { atomic: true, registrations: [{}] }), 409, "validation_failed", {
        errors: [ATOMIC_REFUSED],
        results: [invalid("userId is required", "offeringId is required")],
      });
    });

    it('"atomic": false, and no atomic: every item on its own', async () => {
      const org = await newOrganization();
      const userId = await insertUser(org.id);
      const offeringId = await insertOffering(org.id);
      for (const atomic of [false, undefined]) {
        const entries = await results(await postBatch(org, { atomic, registrations: [pair(userId, offeringId), {}] }));
        expect(entries[1]).toEqual(invalid("userId is required", "offeringId is required"));
      }
      expect(await registrationsOf(org)).toHaveLength(1);
    });
  });

  describe("request-level errors: the body rules of every POST, then the list's shape", () => {
    const endpoint: Endpoint<Target & { org: TestOrganization; userId: string; offeringId: string }> = {
      method: "POST",
      setUp: async () => {
        const org = await newOrganization();
        const userId = await insertUser(org.id);
        const offeringId = await insertOffering(org.id);
        return { org, userId, offeringId, token: org.token, path: `${PREFIX}/registrations/batch` };
      },
      state: ({ org }) => registrationsOf(org),
    };
    const valid = ({ userId, offeringId }: { userId: string; offeringId: string }) => JSON.stringify({ registrations: [pair(userId, offeringId)] });

    bodyRuleTests(endpoint, {
      unsupportedMediaType: [
        { contentType: undefined, body: valid },
        { contentType: "text/plain", body: valid },
      ],
      payloadTooLarge: [
        {
          what: "a body over 64 KiB",
          body: ({ userId, offeringId }) => JSON.stringify({ registrations: [{ userId, offeringId, padding: "x".repeat(70_000) }] }),
        },
      ],
      invalidJson: [{ what: "a truncated body", body: '{"registrations": [' }],
      notAnObject: [
        { what: "an array", json: [] },
        { what: "null", json: null },
      ],
    });

    it("registrations missing, not an array, empty, or over 500 items", async () => {
      const org = await newOrganization();
      const item = { userId: "a", offeringId: "b" };
      for (const body of [{}, { registrations: null }, { registrations: item }, { registrations: "x" }, { registrations: [] }, { registrations: Array(501).fill(item) }]) {
        await expectError(await postBatch(org, body), 400, "validation_failed", SIZE);
      }
    });

    it("atomic must be a boolean; both problems are reported together", async () => {
      const org = await newOrganization();
      await expectError(await postBatch(org, { registrations: [{}], atomic: "yes" }), 400, "validation_failed", {
        errors: ["atomic must be a boolean"],
      });
      await expectError(await postBatch(org, { atomic: 1 }), 400, "validation_failed", {
        errors: [SIZE.errors[0], "atomic must be a boolean"],
      });
    });

    it("500 items are accepted: the same pair 500 times gives one 201 and 499 already_registered", async () => {
      const org = await newOrganization();
      const userId = await insertUser(org.id);
      const offeringId = await insertOffering(org.id);
      const entries = await results(await postBatch(org, { registrations: Array(500).fill(pair(userId, offeringId)) }));
      expect(entries).toHaveLength(500);
      created(entries[0]);
      expect(entries.slice(1)).toEqual(Array(499).fill(unavailable("already_registered")));
      expect(await registrationsOf(org)).toHaveLength(1);
    });

  });

  describe("Idempotency-Key", () => {
    it("a replay answers the first answer, entry for entry, and registers nothing more", async () => {
      const org = await newOrganization();
      const people = await users(org, 3);
      const offeringId = await insertOffering(org.id, { seatLimit: 2 });
      const body = { registrations: [...people.map((u) => pair(u, offeringId)), {}] };
      const headers = { "Idempotency-Key": "cohort-2026-01" };
      const first = await parts(await postBatch(org, body, { headers }));
      expect(first.status).toBe(200);
      const entries = (first.body as { results: Entry[] }).results;
      created(entries[0]);
      created(entries[1]);
      expect(entries.slice(2)).toEqual([unavailable("offering_full"), invalid("userId is required", "offeringId is required")]);

      // A seat frees up: a fresh evaluation would register the third person; the replay does not.
      const ejected = await call("PUT", entries[0]!.location!, { token: org.token, json: { status: "ejected" } });
      expect(ejected.status).toBe(204);
      const again = await parts(await postBatch(org, { ...body }, { headers }));
      expect(again).toEqual(first);
      expect(await registrationsOf(org)).toHaveLength(2);
    });

    it("the same key with a different body: 422", async () => {
      const org = await newOrganization();
      const userId = await insertUser(org.id);
      const offeringId = await insertOffering(org.id);
      const headers = { "Idempotency-Key": "k-1" };
      await results(await postBatch(org, { registrations: [pair(userId, offeringId)] }, { headers }));
      await expectError(
        await postBatch(org, { registrations: [pair(userId, offeringId)], atomic: true }, { headers }),
        422,
        "idempotency_key_reused",
        { errors: ["Idempotency-Key was already used with a different request"] },
      );
    });

    it("a refused atomic batch is not remembered: its retry is decided afresh", async () => {
      const org = await newOrganization();
      const [ada, bob] = await users(org, 2);
      const offeringId = await insertOffering(org.id, { seatLimit: 1 });
      const blocker = await insertRegistration(org.id, { userId: bob!, offeringId });
      const headers = { "Idempotency-Key": "atomic-1" };
      const body = { atomic: true, registrations: [pair(ada!, offeringId)] };
      expect((await postBatch(org, body, { headers })).status).toBe(409);
      expect((await call("PUT", `${PREFIX}/registrations/${blocker}`, { token: org.token, json: { status: "ejected" } })).status).toBe(204);
      const entries = await results(await postBatch(org, body, { headers }));
      created(entries[0]);
    });

    it("a malformed key: 400 invalid_body", async () => {
      const org = await newOrganization();
      await expectError(
        await postBatch(org, { registrations: [{}] }, { headers: { "Idempotency-Key": "has space" } }),
        400,
        "invalid_body",
        { errors: ["Idempotency-Key must be 1 to 255 visible ASCII characters"] },
      );
    });
  });

  describe("concurrency", () => {
    it("concurrent batches and single POSTs into a seat-limited offering never overshoot it", async () => {
      const org = await newOrganization();
      const people = await users(org, 12);
      const offeringId = await insertOffering(org.id, { seatLimit: 5 });
      const batches = [people.slice(0, 4), people.slice(4, 8), people.slice(2, 6)].map((group) =>
        postBatch(org, { registrations: group.map((u) => pair(u, offeringId)) }),
      );
      const singles = people.slice(8).map((u) => call("POST", `${PREFIX}/registrations`, { token: org.token, json: pair(u, offeringId) }));
      const [batchAnswers, singleAnswers] = await Promise.all([Promise.all(batches), Promise.all(singles)]);
      const batchEntries = (await Promise.all(batchAnswers.map(results))).flat();
      const made = batchEntries.filter((e) => e.status === 201).length + singleAnswers.filter((r) => r.status === 201).length;
      expect(made).toBe(5);
      for (const entry of batchEntries.filter((e) => e.status !== 201)) {
        expect(["offering_full", "already_registered"]).toContain(entry.code);
      }
      const active = await registrationsOf(org, `&offeringId=${offeringId}&status=active`);
      expect(active).toHaveLength(5);
      expect(new Set(active.map((r) => r.userId)).size).toBe(5);
    });
  });
});
