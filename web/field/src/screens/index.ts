import { ChecklistScreen } from "./checklist";
import { Deliveries } from "./deliveries";
import { DeliveryPage } from "./delivery";
import { Handbook } from "./handbook";
import { Home } from "./home";
import { Me } from "./me";
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
    title: "今日工作",
    component: Home,
    tab: { label: "首页", icon: "⌂", order: 10 },
  });
  registerScreen({
    path: "sites",
    title: "我的场所",
    component: Sites,
    tab: { label: "场所", icon: "▦", order: 20 },
  });
  registerScreen({ path: "sites/:id", title: "场所", component: SitePage, back: true });
  registerScreen({
    path: "sites/:id/checklist",
    title: "检查表检查",
    component: ChecklistScreen,
    back: true,
  });
  registerScreen({
    path: "report",
    title: "上报隐患",
    component: Report,
    tab: { label: "上报", icon: "＋", order: 30 },
  });
  registerScreen({ path: "reports", title: "我的上报", component: MyReports, back: true });
  registerScreen({
    path: "outbox",
    title: "待发送",
    component: OutboxScreen,
    tab: { label: "待发", icon: "⇅", order: 40 },
  });
  registerScreen({ path: "me", title: "我的", component: Me, tab: { label: "我的", icon: "☺", order: 50 } });
  registerScreen({ path: "rechecks", title: "待复查", component: Rechecks, back: true });
  registerScreen({ path: "rechecks/:id", title: "治理复查", component: RecheckPage, back: true });
  // 文件送达 (R15): reached from the home screen's 待送达 card
  registerScreen({ path: "deliveries", title: "文件送达", component: Deliveries, back: true });
  registerScreen({ path: "deliveries/:id", title: "送达", component: DeliveryPage, back: true });
  registerScreen({ path: "patrols", title: "巡查任务", component: Patrols, back: true });
  // Outreach, assistance, county task kinds (R14, R16, R17) and training check-in (R19): cards on home.
  registerScreen({ path: "tasks", title: "宣传与任务", component: Tasks, back: true });
  registerScreen({ path: "tasks/:code", title: "记录任务", component: TaskFormScreen, back: true });
  registerScreen({ path: "trainings", title: "培训签到", component: Trainings, back: true });
  registerScreen({ path: "handbook", title: "网格手册", component: Handbook, back: true });
}
