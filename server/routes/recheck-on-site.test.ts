import { expect, it } from "vitest";
import { eachApi } from "../test/api-harness";
import { act, as, caseAt, upload, useTempDataDir, villagePoint } from "./case-test-kit";

/** A JPEG-looking file with its own bytes (its own SHA-256). */
const photo = (text: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(text)]);
const far = { lng: villagePoint.lng + 0.01, lat: villagePoint.lat };

eachApi("re-check on site: location from field roles, no photo of the case sent again", (ctx) => {
  useTempDataDir(ctx);

  it("asks a field role for the location (422 recheck_location_required), not the lead department", async () => {
    const id = await caseAt(ctx, "awaiting_recheck");
    ctx.deps.clock.advance({ minutes: 5 });
    for (const who of ["station", "worker", "committee"]) {
      const res = await act(ctx, who, id, "recheck", { passed: true });
      expect(res.statusCode, who).toBe(422);
      expect(res.json().code).toBe("recheck_location_required");
      expect(res.json().message).toContain("复查位置");
    }
    const lead = await act(ctx, "lead", id, "recheck", { passed: true });
    expect(lead.statusCode, lead.body).toBe(200);
    expect(lead.json().case.stage).toBe("rechecked");
  });

  it("refuses a photo equal to the report's, the feedback's or an earlier re-check's, naming it", async () => {
    const reportPhoto = await upload(ctx, "worker", photo("report"), "上报现场.jpg");
    const id = await caseAt(ctx, "awaiting_recheck", { evidenceIds: [reportPhoto.id] });
    ctx.deps.clock.advance({ minutes: 5 });
    const refused = async (evidenceId: string, step: string, earlierName: string, label: string) => {
      const res = await act(ctx, "worker", id, "recheck", {
        passed: true,
        location: villagePoint,
        evidenceIds: [evidenceId],
      });
      expect(res.statusCode).toBe(422);
      const body = res.json();
      expect(body.code).toBe("recheck_photo_reused");
      expect(body.details.earlier.step).toBe(step);
      expect(body.details.earlier.fileName).toBe(earlierName);
      expect(body.message).toContain(label);
      expect(body.message).toContain(earlierName);
    };
    // the report's photo, uploaded again by the re-checker under another name
    await refused(
      (await upload(ctx, "worker", photo("report"), "复查.jpg")).id,
      "report",
      "上报现场.jpg",
      "上报",
    );
    // the feedback's photo (caseAt's feedback sends the kit's default photo.jpg), by hash and by id
    await refused(
      (await upload(ctx, "worker", undefined, "复查2.jpg")).id,
      "feedback",
      "photo.jpg",
      "整改反馈",
    );
    const detail = (await as(ctx, "worker", { method: "GET", url: `/api/v1/cases/${id}` })).json();
    const feedbackId = (detail.evidence as { id: string; fileName: string }[]).find(
      (e) => e.fileName === "photo.jpg",
    )?.id;
    expect(feedbackId).toBeTruthy();
    await refused(feedbackId!, "feedback", "photo.jpg", "整改反馈");

    // a new photo passes; the re-check fails far from the site (flagged), the case goes back to handling
    const onSite = await upload(ctx, "worker", photo("on site, first re-check"), "第一次复查.jpg");
    const failed = await act(ctx, "worker", id, "recheck", {
      passed: false,
      note: "钢瓶仍在地下室未移出",
      location: far,
      evidenceIds: [onSite.id],
    });
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json().case.stage).toBe("handling");
    expect(failed.json().case.lastRecheck.flags).toContain("far_from_site");

    const again = await upload(ctx, "market", photo("second feedback"), "二次整改.jpg");
    ctx.deps.clock.advance({ minutes: 5 });
    const fed = await act(ctx, "market", id, "feedback", { result: "fixed", evidenceIds: [again.id] });
    expect(fed.statusCode).toBe(200);
    ctx.deps.clock.advance({ minutes: 5 });
    // the earlier re-check's photo sent again by the township station
    await (async () => {
      const dup = await upload(ctx, "station", photo("on site, first re-check"), "站复查.jpg");
      const res = await act(ctx, "station", id, "recheck", {
        passed: true,
        location: villagePoint,
        evidenceIds: [dup.id],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().details.earlier).toMatchObject({ step: "recheck", fileName: "第一次复查.jpg" });
      expect(res.json().message).toContain("此前复查");
    })();
    const fresh = await upload(ctx, "station", photo("on site, second re-check"), "第二次复查.jpg");
    const passed = await act(ctx, "station", id, "recheck", {
      passed: true,
      location: villagePoint,
      evidenceIds: [fresh.id],
    });
    expect(passed.statusCode).toBe(200);
    expect(passed.json().case.stage).toBe("rechecked");
    expect(passed.json().case.lastRecheck.flags).toEqual([]);
  });
});
