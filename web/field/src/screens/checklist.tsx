import { useMemo, useState } from "react";
import { PhotoInput } from "../components/photo-input";
import { Button, Card, Empty, Field, Notice, SubmitFooter } from "../components/ui";
import { useCachedList } from "../hooks/use-cached-list";
import { usePosition } from "../hooks/use-position";
import { t } from "../i18n/i18n";
import { enqueue } from "../outbox/outbox";
import type { PreparedPhoto } from "../photos/prepare-photo";
import { navigate } from "../router";
import { isQuotaError, quotaText } from "../store/db";
import { useWorkSet, type WorkSite } from "../work-set/work-set";
import { categoryLabel } from "./labels";
import type { ScreenProps } from "./registry";

interface Checklist {
  id: string;
  version: number;
  title: string;
  siteKinds: string[];
  industries: string[];
  items: { id: string; text: string; requirePhoto: boolean }[];
}
interface Categories {
  items: { code: string; label: string; zh?: string; en?: string | null; active: boolean }[];
}
type Answer = "yes" | "no" | "na";
interface ItemState {
  answer?: Answer;
  note: string;
  photos: PreparedPhoto[];
}

const answers: Answer[] = ["yes", "no", "na"];

/** Which checklists fit the site: its kind, and its industry when the checklist names industries. */
const fits = (c: Checklist, site: WorkSite) =>
  c.siteKinds.includes(site.kind) &&
  (c.industries.length === 0 ||
    c.industries.some((p) => !!site.industryCode && site.industryCode.startsWith(p)));

/** The case category a failed item most likely belongs to (the worker can change it). */
function guessCategory(itemIds: string[]): string {
  const by = (re: RegExp) => itemIds.some((i) => re.test(i));
  if (by(/gas|cylinder|hose|valve|flue/)) return "gas";
  if (by(/three_in_one/)) return "three_smalls";
  if (by(/chemical/)) return "hazardous_chemicals";
  if (by(/wiring|ebike/)) return "electricity";
  if (by(/special_equipment/)) return "special_equipment";
  return "fire";
}

/**
 * Fill a checklist at a site (R13): each item yes / no / not applicable, a note and photos; items that need a
 * photo say so. Saved to the outbox at once (POST /checklist-runs, the outbox id is the run's id); the failed
 * items then go as ONE report in one tap (POST /checklist-runs/:id/report, queued after the run).
 */
export function ChecklistScreen({ params }: ScreenProps) {
  const workSet = useWorkSet();
  const lists = useCachedList<{ items: Checklist[] }>("checklists", "/checklists");
  const categories = useCachedList<Categories>("case-categories", "/case-categories");
  const { position, locate } = usePosition();
  const [chosen, setChosen] = useState<string>();
  const [items, setItems] = useState<Record<string, ItemState>>({});
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [run, setRun] = useState<{ id: string; failed: string[] }>();
  const [category, setCategory] = useState<string>();
  const [reported, setReported] = useState(false);
  const site = workSet?.sites.find((s) => s.id === params.id);
  const fitting = useMemo(
    () => (site ? (lists.data?.items ?? []).filter((c) => fits(c, site)) : []),
    [lists.data, site],
  );
  if (workSet === null) return null;
  if (!site) return <Empty>{t("common.siteOutsideGrid")}</Empty>;
  if (lists.status === "unavailable") return <Empty>{t("checklist.unavailable")}</Empty>;
  if (!lists.data)
    return <Empty>{lists.status === "loading" ? t("checklist.loading") : t("checklist.missing")}</Empty>;
  const checklist = fitting.find((c) => c.id === (chosen ?? fitting[0]?.id));
  if (!checklist) return <Empty>{t("checklist.noneFits")}</Empty>;

  const state = (id: string): ItemState => items[id] ?? { note: "", photos: [] };
  const set = (id: string, change: Partial<ItemState>) => {
    setError(undefined);
    setItems((all) => ({ ...all, [id]: { ...state(id), ...change } }));
  };

  const submit = async () => {
    setError(undefined);
    for (const item of checklist.items) {
      const s = state(item.id);
      if (!s.answer) return setError(t("checklist.answer", { text: item.text }));
      if (item.requirePhoto && s.answer !== "na" && s.photos.length === 0)
        return setError(t("checklist.needPhoto", { text: item.text }));
    }
    setSaving(true);
    try {
      const where = position ?? (await locate());
      const files: PreparedPhoto[] = [];
      const fileTargets: string[] = [];
      const answers = checklist.items.map((item, index) => {
        const s = state(item.id);
        for (const p of s.photos) {
          files.push(p);
          fileTargets.push(`answers.${index}.evidenceIds`);
        }
        return {
          itemId: item.id,
          answer: s.answer,
          ...(s.note.trim() ? { note: s.note.trim() } : {}),
          evidenceIds: [],
        };
      });
      const id = await enqueue({
        kind: "checklist-run",
        label: t("checklist.runLabel", { site: site.name, title: checklist.title }),
        url: "/checklist-runs",
        body: {
          siteId: site.id,
          checklistId: checklist.id,
          version: checklist.version,
          at: new Date().toISOString(),
          ...(where ? { location: where } : {}),
          answers,
        },
        files,
        fileTargets,
      });
      const failed = checklist.items.filter((i) => state(i.id).answer === "no").map((i) => i.id);
      setRun({ id, failed });
      setCategory(guessCategory(failed));
    } catch (err) {
      setError(isQuotaError(err) ? quotaText() : t("common.saveFailed", { error: String(err) }));
    } finally {
      setSaving(false);
    }
  };

  const report = async () => {
    if (!run || !category) return;
    setError(undefined);
    try {
      await enqueue({
        kind: "checklist-report",
        label: t("checklist.reportLabel", { n: run.failed.length, site: site.name }),
        url: `/checklist-runs/${run.id}/report`,
        idField: "idempotencyKey",
        body: { itemIds: run.failed, category },
      });
      setReported(true);
    } catch (err) {
      setError(isQuotaError(err) ? quotaText() : t("common.saveFailed", { error: String(err) }));
    }
  };

  if (run) {
    const options = (categories.data?.items ?? []).filter((c) => c.active);
    const failedText = checklist.items.filter((i) => run.failed.includes(i.id));
    return (
      <div className="screen form">
        <Notice kind="ok" testId="checklist-saved">
          {t("checklist.saved")}
        </Notice>
        {run.failed.length === 0 ? (
          <Notice>{t("checklist.allPass")}</Notice>
        ) : reported ? (
          <Notice kind="ok" testId="checklist-reported">
            {t("checklist.reported", { n: run.failed.length })}
          </Notice>
        ) : (
          <Card>
            <div className="row-title">{t("checklist.failedCount", { n: run.failed.length })}</div>
            <ol className="checklist-failed">
              {failedText.map((i) => (
                <li key={i.id}>{i.text}</li>
              ))}
            </ol>
            <Field label={t("common.categoryLabel")}>
              <select
                className="input"
                value={category}
                onChange={(e) => setCategory(e.target.value)}
                data-testid="checklist-report-category"
              >
                {options.length === 0 && category ? <option value={category}>{category}</option> : null}
                {options.map((c) => (
                  <option key={c.code} value={c.code}>
                    {categoryLabel(c)}
                  </option>
                ))}
              </select>
            </Field>
            <Button block kind="danger" onClick={() => void report()} data-testid="checklist-report">
              {t("checklist.reportAll", { n: run.failed.length })}
            </Button>
          </Card>
        )}
        {error ? <Notice kind="error">{error}</Notice> : null}
        <Button block kind="default" onClick={() => navigate(`/sites/${encodeURIComponent(site.id)}`, true)}>
          {t("checklist.backToSite")}
        </Button>
      </div>
    );
  }

  return (
    <div className="screen form" data-testid="checklist-screen">
      <Card>
        <div className="row-title">{site.name}</div>
        {fitting.length > 1 ? (
          <select
            className="input"
            value={checklist.id}
            onChange={(e) => {
              setChosen(e.target.value);
              setItems({});
            }}
            data-testid="checklist-choose"
          >
            {fitting.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        ) : (
          <div className="row-sub">{checklist.title}</div>
        )}
      </Card>
      {checklist.items.map((item, n) => {
        const s = state(item.id);
        return (
          <Card key={item.id} testId={`checklist-item-${item.id}`}>
            <div className="checklist-q">
              {n + 1}. {item.text}
              {item.requirePhoto ? <span className="tag-photo">{t("checklist.photoRequired")}</span> : null}
            </div>
            <div className="chips">
              {answers.map((a) => (
                <button
                  type="button"
                  key={a}
                  className={`chip${s.answer === a ? ` chip-on chip-${a}` : ""}`}
                  onClick={() => set(item.id, { answer: a })}
                  data-testid={`answer-${item.id}-${a}`}
                >
                  {t(`checklist.${a}`)}
                </button>
              ))}
            </div>
            {s.answer === "no" ? (
              <textarea
                className="input"
                rows={2}
                placeholder={t("checklist.notePlaceholder")}
                value={s.note}
                onChange={(e) => set(item.id, { note: e.target.value })}
                data-testid={`note-${item.id}`}
              />
            ) : null}
            {(item.requirePhoto && s.answer !== "na") || s.answer === "no" ? (
              <PhotoInput
                value={s.photos}
                onChange={(photos) => set(item.id, { photos })}
                max={3}
                testId={`photo-${item.id}`}
              />
            ) : null}
          </Card>
        );
      })}
      <SubmitFooter
        name="checklist"
        error={error}
        saving={saving}
        label={t("checklist.save")}
        onSubmit={() => void submit()}
      />
    </div>
  );
}
