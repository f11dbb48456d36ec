export { canonicalJson, CanonicalJsonError, compareCodeUnits, sha256Hex } from './canonical-json';
export {
  BatchDigestChain,
  batchDigestVersion,
  digestBatches,
  PartitionBatchDigestRecordSchema,
  type BatchCheckpoint,
  type DigestedBatch,
  type PartitionBatchDigestRecord,
} from './batch-digest';
export { BatchDigestReplay, compareBatchDigests } from './batch-digest-comparison';
export {
  addToDigest,
  batchInputDigestRecord,
  defaultCheckpointInterval,
  DigestChain,
  digestPartition,
  InputDigestRecordSchema,
  inputDigestRecord,
  inputDigestSha256,
  inputDigestVersion,
  PartitionDigestRecordSchema,
  recordDigest,
  startDigest,
  type DigestCheckpoint,
  type DigestedMessage,
  type InputDigestRecord,
  type InputDigestRecordV1,
  type InputDigestRecordV2,
  type PartitionDigest,
  type PartitionDigestRecord,
} from './input-digest';
export {
  compareDigests,
  compareInputDigests,
  DigestReplay,
  type DigestComparison,
  type DigestDivergence,
  type DivergenceReason,
  type ReplayedPartition,
} from './input-digest-comparison';
export {
  BandSchema,
  CoverageRulePolicySchema,
  CoverageRuleSchema,
  parseCoverageRulePolicy,
  parsePhaseTargetsPolicy,
  phaseInForce,
  PhaseSchema,
  phaseTargetsV1,
  PhaseTargetsPolicySchema,
  PhaseTargetsSchema,
  policyFromVersionedEvent,
  reviewCutoffs,
  ShareDecimalSchema,
  type Band,
  type CoverageRule,
  type CoverageRulePolicy,
  type Phase,
  type PhaseInForce,
  type PhaseTargets,
  type PhaseTargetsPolicy,
  type PolicyParse,
  type VersionedPolicy,
} from './policy';
export { effectiveDate, type EvaluationEvent } from './evaluation-events';
export {
  agencyGroupOf,
  agencyGroups,
  bandStatus,
  computeEvaluation,
  EvaluationFold,
  evaluationKinds,
  isReportCodeVersion,
  renderReport,
  reportCodeVersion,
  reportCodeVersions,
  type ReportCodeVersion,
  type AgencyFigures,
  type AgencyGroup,
  type BandStatus,
  type ByTargetGroup,
  type DeliveryFigures,
  type EvaluationInput,
  type EvaluationKind,
  type EvaluationSettings,
  type EvaluationReport,
  type Figures,
  type GroupFigures,
  type InputPartitionSummary,
  type RejectedEvent,
  type Share,
} from './evaluation';
export { fourPlaceShare } from './shares';
export { diffReports, explainDifference, parseFigurePath, type DifferenceExplanation, type FigureDifference } from './diff';
export { evaluationRulesV2 } from './evaluation-rules';
export { classSize, type ClassSize } from './class-size';
export { isSeniorCourseForLeaders, leaderRanks, seniorCourseRule } from './senior-course';
export { validDate } from './programme-facts';
export type { FeedbackFigures, PeopleCounts, ProgrammeFigures, ReachFigures } from './programme-figures';
export { datingFor } from './evaluation';
export { restatedFigures, type EventReference, type RestatedFigure } from './restatement';
