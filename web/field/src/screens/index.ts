import { ChecklistScreen } from "./checklist";
import { Deliveries } from "./deliveries";
import { DeliveryPage } from "./delivery";
import { Handbook } from "./handbook";
import { Home } from "./home";
import { Me } from "./me";
import { MyAssessment } from "./my-assessment";
import { MyPay } from "./my-pay";
import { MyReports } from "./my-reports";
import { OutboxScreen } from "./outbox-screen";
import { Patrols } from "./patrols";
import { RecheckPage } from "./recheck";
import { Rechecks } from "./rechecks";
import { registerScreen } from "./registry";
import { Report } from "./report";
import { SitePage } from "./site";
import { Sites } from "./sites";
import { TaskFormScreen } from "./task-form-lazy";
import { Tasks } from "./tasks";
import { Trainings } from "./trainings";

/** The built-in screens. Another screen: write it in screens/<name>.tsx and register it here (docs/field-app.md). */
export function registerBuiltInScreens(): void {
  registerScreen({
    path: "",
    title: "screen.home",
    component: Home,
    tab: { label: "tab.home", icon: "⌂", order: 10 },
  });
  registerScreen({
    path: "sites",
    title: "screen.sites",
    component: Sites,
    tab: { label: "tab.sites", icon: "▦", order: 20 },
  });
  registerScreen({ path: "sites/:id", title: "screen.site", component: SitePage, back: true });
  registerScreen({
    path: "sites/:id/checklist",
    title: "screen.checklist",
    component: ChecklistScreen,
    back: true,
  });
  registerScreen({
    path: "report",
    title: "screen.report",
    component: Report,
    tab: { label: "tab.report", icon: "＋", order: 30 },
  });
  registerScreen({ path: "reports", title: "screen.reports", component: MyReports, back: true });
  registerScreen({
    path: "outbox",
    title: "screen.outbox",
    component: OutboxScreen,
    tab: { label: "tab.outbox", icon: "⇅", order: 40 },
  });
  registerScreen({
    path: "me",
    title: "screen.me",
    component: Me,
    tab: { label: "tab.me", icon: "☺", order: 50 },
  });
  registerScreen({ path: "rechecks", title: "screen.rechecks", component: Rechecks, back: true });
  registerScreen({ path: "rechecks/:id", title: "screen.recheck", component: RecheckPage, back: true });
  // 文件送达 (R15): reached from the home screen's 待送达 card
  registerScreen({ path: "deliveries", title: "screen.deliveries", component: Deliveries, back: true });
  registerScreen({ path: "deliveries/:id", title: "screen.delivery", component: DeliveryPage, back: true });
  registerScreen({ path: "patrols", title: "screen.patrols", component: Patrols, back: true });
  // Outreach, assistance, county task kinds (R14, R16, R17) and training check-in (R19): cards on home.
  registerScreen({ path: "tasks", title: "screen.tasks", component: Tasks, back: true });
  registerScreen({ path: "tasks/:code", title: "screen.taskForm", component: TaskFormScreen, back: true });
  registerScreen({ path: "trainings", title: "screen.trainings", component: Trainings, back: true });
  registerScreen({ path: "handbook", title: "screen.handbook", component: Handbook, back: true });
  // 我的报酬 (R20): reached from 我的
  registerScreen({ path: "pay", title: "screen.myPay", component: MyPay, back: true });
  // 我的考核 (R23): reached from 我的 by the assessed (grid workers, township stations)
  registerScreen({ path: "assessment", title: "screen.myAssessment", component: MyAssessment, back: true });
}
