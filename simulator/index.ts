export { ACTIVITY_REPORT_DISCLAIMER, contractDescription, writeActivityReport } from "./activity-report";
export { totp, verifyTotp } from "./auth/totp";
export {
  DEFAULT_SIMULATOR_NOW,
  type GenerateHistoryOptions,
  generateHistory,
} from "./history/generate-history";
export type { SimHistory } from "./history/types";
export { CONTROL_PREFIX } from "./server/control-routes";
export type { Fault, FaultRuleInput, RequestLogEntry } from "./server/controls";
export { generateUserHistory } from "./server/dataset";
export { simulatedOptionGreeks } from "./simulated-greeks";
export {
  DEFAULT_SIMULATOR_PORT,
  DEFAULT_SIMULATOR_SEED,
  type RunningSimulator,
  type SimulatorControls,
  type SimulatorOptions,
  startSimulator,
} from "./start-simulator";
export {
  DEFAULT_USERS,
  DEMO_PASSWORD,
  DEMO_USERNAME,
  type LoginFlow,
  type SimulatedUserInput,
  TEST_CODE,
  TEST_PASSWORD,
  TEST_TOTP_SECRET,
} from "./users";
