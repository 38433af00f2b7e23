import type { caseTaxonomyZh } from "./case-taxonomy-zh";

/** English texts of the case categories & time limits page, spread into `en`. */
export const caseTaxonomyEn: Record<keyof typeof caseTaxonomyZh, string> = {
  "nav.case_categories": "Case categories & time limits",
  "taxonomy.title": "Case categories & time limits",
  "taxonomy.intro":
    "A case's category decides which kind of department handles it by default. The built-in categories apply everywhere; a province, city or county may add its own, rename one or give it another default department, or deactivate one for its area (cases already using it keep it). The lower level's setting wins.",
  "taxonomy.region": "Region",
  "taxonomy.pickRegion": "Choose a province, city or county",
  "taxonomy.readOnly":
    "Read only: only the safety offices and administrators covering the region may change it, at province, city or county level",
  "taxonomy.categories": "Categories",
  "taxonomy.code": "Code",
  "taxonomy.codeHint":
    "Starts with a lowercase letter; lowercase letters, digits and underscores, e.g. orchard_machinery; fixed once created",
  "taxonomy.codeInvalid": "2–40 lowercase letters, digits or underscores, starting with a letter",
  "taxonomy.name": "Name",
  "taxonomy.nameRequired": "Enter the name",
  "taxonomy.nameEn": "English name",
  "taxonomy.nameEnHint": "Empty: the level above's, or the Chinese name",
  "taxonomy.kind": "Default department",
  "taxonomy.source": "Source",
  "taxonomy.builtIn": "Built-in",
  "taxonomy.added": "Added",
  "taxonomy.changedAt": "Changed by: ",
  "taxonomy.addedAt": "Set by: ",
  "taxonomy.active": "Active",
  "taxonomy.activated": "{name} is active in this region",
  "taxonomy.deactivated": "{name} is deactivated in this region",
  "taxonomy.newCategory": "Add category",
  "taxonomy.editCategory": "Edit category {name}",
  "taxonomy.overrideHint":
    "Saving overrides the level above in this region; what you leave unchanged keeps following it.",
  "taxonomy.reset": "Restore the level above",
  "taxonomy.confirmReset":
    "Remove this region's setting of {name} and restore the level above or the built-in?",
  "taxonomy.confirmRemove":
    "Delete the category {name} added here? A category that cases use cannot be deleted; deactivate it instead.",
  "taxonomy.saved": "Saved",
  "taxonomy.deleted": "Deleted",
  "taxonomy.deadlines": "Time limits",
  "taxonomy.deadlinesIntro":
    "A case must leave each stage within its time limit, counted in working days or working hours on the official calendar. The most specific rule wins: the narrower region first, then a rule naming the case type, then one naming the category. Built-in rules are read only; local rules can be added and removed.",
  "taxonomy.ruleRegion": "Region",
  "taxonomy.everywhere": "Everywhere",
  "taxonomy.category": "Category",
  "taxonomy.type": "Case type",
  "taxonomy.stage": "Stage",
  "taxonomy.limit": "Time limit",
  "taxonomy.unit": "Unit",
  "taxonomy.any": "Any",
  "taxonomy.working_days": "Working days",
  "taxonomy.working_hours": "Working hours",
  "taxonomy.amountDays": "{n} working days",
  "taxonomy.amountHours": "{n} working hours",
  "taxonomy.configured": "Local",
  "taxonomy.newRule": "Add time limit",
  "taxonomy.confirmDeleteRule": "Delete this time limit?",
  "taxonomy.ruleSaved": "Time limit saved",
  "taxonomy.onlyConfigured": "Local rules only",
  "closureRule.title": "Another person closes",
  "closureRule.on":
    "On: whoever gave the feedback or handles the case may not re-check, accept or close it; in the lead department's own remit the handler and the closer differ",
  "closureRule.off":
    "Off: the same person may re-check or close after the feedback (the re-check is flagged)",
  "closureRule.intro":
    "The county's closing rule, set by the county, city or province safety office; every change is in the trail.",
  "closureRule.updatedAt": "Last changed: ",
  "closureRule.saved": "Closing rule saved",
};
