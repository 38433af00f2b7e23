export * from "./assessment-engine";
export * from "./indicator";
export * from "./indicator-catalogue";
export * from "./scheme-schemas";
export * from "./scoring-rules";
