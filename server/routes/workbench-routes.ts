import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { queuesFor } from "../../db/queries/case-list-queries";
import {
  countIndicators,
  countUnread,
  monthCounts,
  recentActivity,
} from "../../db/queries/workbench-queries";
import { workbenchGate } from "../../domain/policies/workbench-policy";
import { eventLabel } from "../../domain/trail/event-labels";
import { overdueRate, shanghaiMonth } from "../../domain/workbench/month-figures";
import { indicatorsFor } from "../../domain/workbench/workbench-indicators";
import { engagedCounts } from "../commands/workbench/engaged-counts";
import { fieldCounts } from "../commands/workbench/field-counts";
import type { Deps } from "../deps";
import { actorOf } from "../http/auth-hook";
import { wantsEnglish } from "../http/errors";

/**
 * GET /workbench (issue 13.1): the counts that need the user now, each with the case-list filter it links to
 * (counted through that list's own query), an expert's engagement work (through 我的委托's list), unread messages, this month's figures and the user's latest
 * trail events.
 */
export function workbenchRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/workbench",
      {
        config: { access: "signed_in", policy: workbenchGate.read },
        schema: {
          tags: ["workbench"],
          summary: "工作台：待办数量（每项链接到同一筛选的案件列表）、未读消息、本月数据、最近操作",
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const now = deps.clock.now();
        const en = wantsEnglish(req);
        const counts = await countIndicators(deps.db, actor, indicatorsFor(queuesFor(actor)), now);
        const month = shanghaiMonth(now);
        const m = await monthCounts(deps.db, actor, month, now);
        const activity = await recentActivity(deps.db, actor.id);
        return {
          cases: counts.map(({ indicator, count }) => ({
            key: indicator.key,
            label: en ? indicator.en : indicator.zh,
            filter: indicator.filter,
            count,
          })),
          field: (await fieldCounts(deps, actor)).map((f) => ({
            key: f.key,
            label: en ? f.en : f.zh,
            count: f.count,
            href: f.href,
          })),
          engaged: (await engagedCounts(deps, actor)).map((e) => ({
            key: e.key,
            label: en ? e.en : e.zh,
            count: e.count,
            href: e.href,
          })),
          unread: await countUnread(deps.db, actor.id),
          month: {
            label: month.label,
            reported: m.reported,
            closed: m.closed,
            overdue: m.overdue,
            overdueRate: overdueRate(m.reported, m.overdue),
          },
          activity: activity.map((a) => {
            const label = eventLabel(a.action);
            return {
              id: Number(a.id),
              at: a.at,
              action: a.action,
              label: label ? (en ? label.en : label.zh) : a.action,
              subjectType: a.subjectType,
              subjectId: a.subjectId,
              caseNumber: a.caseNumber ?? null,
            };
          }),
          serverTime: now.toISOString(),
        };
      },
    );
  };
}
