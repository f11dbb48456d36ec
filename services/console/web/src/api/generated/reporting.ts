// Generated from the service's OpenAPI document by test/openapi/console-api-types.spec.ts; do not edit.
// Regenerate: TL_UPDATE_API_TYPES=1 npx jest --selectProjects unit -- test/openapi

export interface paths {
    "/agencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Agencies known to reporting, with their kind (ministry, province, …), by code
         * @description `q` finds agencies by code or name, diacritics and case ignored; `total` (and X-Total-Count) counts every match.
         */
        get: operations["AgencyDirectoryController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evaluation-jobs/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An evaluation job: queued, running (events read so far, of how many when known), succeeded with its result, or failed with the problem
         * @description Issuing, replaying and restating an evaluation answer 202 with Location: here. Shown to the roles of the operation that asked for it.
         */
        get: operations["EvaluationJobsController_status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evaluations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Issued evaluations, oldest first */
        get: operations["EvaluationsController_list"];
        put?: never;
        /**
         * Issue an evaluation computed from the event log alone, sealed with the hash of its report and of its inputs
         * @description Runs as a job, one at a time per service: answers 202 with the job, and Location: /evaluation-jobs/{jobId} to follow it. Its result is the issued evaluation without its report body; resultUrl names the evaluation.
         */
        post: operations["EvaluationsController_issue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evaluations/{evaluationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An issued evaluation: what it read, the versions it used and its hashes */
        get: operations["EvaluationsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evaluations/{evaluationId}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay an evaluation: re-read exactly its recorded events and recompute
         * @description Runs as a job, one at a time per service: answers 202 with the job, and Location: /evaluation-jobs/{jobId} to follow it. Its result says identical with the hash, or names where the input diverges (topic, partition, offset) or the first figure that differs. A replay asked for while one of the same evaluation is under way, or finished within the hour, is that one: it re-reads only what the evaluation recorded.
         */
        post: operations["EvaluationsController_replay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evaluations/{evaluationId}/report.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The issued report as JSON (its sealed canonical bytes), CSV (one table), XLSX (a sheet per table), HTML or PDF with charts */
        get: operations["EvaluationsController_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/evaluations/{evaluationId}/restatement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The same as-of date over today’s log: what changed since issue and the events that changed it
         * @description Runs as a job, one at a time per service: answers 202 with the job, and Location: /evaluation-jobs/{jobId} to follow it. A restatement asked for while one of the same evaluation is under way, or finished with nothing archived since, is that one.
         */
        get: operations["EvaluationsController_restate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_liveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/policies/{policy}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every version of a policy: coverage-rule or phase-targets */
        get: operations["EvaluationsController_policyVersions"];
        put?: never;
        /** Record a new version of a policy; evaluations name the version they used */
        post: operations["EvaluationsController_versionPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live progress against the targets of the phase in force, nationally and per agency
         * @description Read models fed by Kafka, for monitoring; evaluations are the sealed figures. An agency sees only its own figures.
         */
        get: operations["ProgressController_progress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How far behind the relay, each consumer group and each local projection are, and what was set aside
         * @description Warnings list everything an operator must look at: lag, a stopped relay or consumer, quarantined and dead-lettered events with their reasons.
         */
        get: operations["RuntimeStatusController_status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        IssueEvaluationDto: {
            /**
             * Format: date
             * @description Facts count when they take effect on or before this date
             * @example 2028-12-31
             */
            asOf: string;
            /** @description The coverage rule version; the latest when omitted */
            coverageRuleVersion?: number;
            /**
             * @description mid-term (sơ kết), final (tổng kết), annual or ad hoc
             * @enum {string}
             */
            kind: "mid-term" | "final" | "annual" | "ad-hoc";
            /** @description The phase targets version; the latest when omitted */
            phaseTargetsVersion?: number;
        };
        VersionPolicyDto: {
            /** @description The coverage rule ({ "kind": "any-certificate" }) or the phase targets ({ "phases": [...] }) */
            content: ({
                /** @enum {string} */
                kind: "any-certificate";
            } | {
                /** @enum {string} */
                kind: "universal-in-both-groups";
            }) | {
                phases: {
                    bands: {
                        nonRegular: {
                            max: string;
                            min: string;
                        };
                        regular: {
                            max: string;
                            min: string;
                        };
                    };
                    from: string;
                    id: string;
                    name: {
                        en: string;
                        vi: string;
                    };
                    to: string;
                }[];
            };
            /** @example Mid-term review decision of the steering committee */
            reason: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AgencyDirectoryController_list: {
        parameters: {
            query?: {
                kind?: "ministry" | "ministerial-level-agency" | "government-agency" | "province" | "commune";
                /** @description Items in the page, 1–5000; 5000 when omitted. The answer's X-Total-Count header says how many there are in all */
                limit?: number;
                /** @description Items to skip, 0 when omitted */
                offset?: number;
                /** @description Words the name or title contains at the start of a word; diacritics and case are ignored ("nguyen thi" finds "Nguyễn Thị …") */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    EvaluationJobsController_status: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                jobId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Once the job failed: the problem its request would have answered */
                        error?: {
                            detail?: string;
                            field?: string;
                            rule?: string;
                            status?: number;
                            title?: string;
                        };
                        evaluationId: string;
                        /** Format: date-time */
                        finishedAt: string | null;
                        /** Format: uuid */
                        jobId: string;
                        /** @enum {string} */
                        kind: "issue" | "replay" | "restatement";
                        progress: {
                            eventsRead: number;
                            /** @description Known for a replay; null for a read of the whole archive */
                            eventsTotal: number | null;
                        };
                        /** Format: date-time */
                        requestedAt: string;
                        requestedBy: string;
                        /** @description Once the job succeeded: the issued evaluation without its report body, the replay outcome or the restatement */
                        result?: unknown;
                        /** @description The issued evaluation, once an issue succeeded */
                        resultUrl?: string;
                        /** Format: date-time */
                        startedAt: string | null;
                        /** @enum {string} */
                        state: "queued" | "running" | "succeeded" | "failed";
                        /** @example /evaluation-jobs/0f8fad5b-d9cb-469f-a165-70867728950e */
                        statusUrl: string;
                    };
                };
            };
        };
    };
    EvaluationsController_list: {
        parameters: {
            query?: {
                /** @description Items in the page, 1–5000; 5000 when omitted. The answer's X-Total-Count header says how many there are in all */
                limit?: number;
                /** @description Items to skip, 0 when omitted */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    EvaluationsController_issue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IssueEvaluationDto"];
            };
        };
        responses: {
            /** @description The job, queued or joined; follow it at Location */
            202: {
                headers: {
                    /** @description The job: /evaluation-jobs/{jobId} */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Once the job failed: the problem its request would have answered */
                        error?: {
                            detail?: string;
                            field?: string;
                            rule?: string;
                            status?: number;
                            title?: string;
                        };
                        evaluationId: string;
                        /** Format: date-time */
                        finishedAt: string | null;
                        /** Format: uuid */
                        jobId: string;
                        /** @enum {string} */
                        kind: "issue" | "replay" | "restatement";
                        progress: {
                            eventsRead: number;
                            /** @description Known for a replay; null for a read of the whole archive */
                            eventsTotal: number | null;
                        };
                        /** Format: date-time */
                        requestedAt: string;
                        requestedBy: string;
                        /** @description Once the job succeeded: the issued evaluation without its report body, the replay outcome or the restatement */
                        result?: unknown;
                        /** @description The issued evaluation, once an issue succeeded */
                        resultUrl?: string;
                        /** Format: date-time */
                        startedAt: string | null;
                        /** @enum {string} */
                        state: "queued" | "running" | "succeeded" | "failed";
                        /** @example /evaluation-jobs/0f8fad5b-d9cb-469f-a165-70867728950e */
                        statusUrl: string;
                    };
                };
            };
        };
    };
    EvaluationsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                evaluationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    EvaluationsController_replay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                evaluationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job, queued or joined; follow it at Location */
            202: {
                headers: {
                    /** @description The job: /evaluation-jobs/{jobId} */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Once the job failed: the problem its request would have answered */
                        error?: {
                            detail?: string;
                            field?: string;
                            rule?: string;
                            status?: number;
                            title?: string;
                        };
                        evaluationId: string;
                        /** Format: date-time */
                        finishedAt: string | null;
                        /** Format: uuid */
                        jobId: string;
                        /** @enum {string} */
                        kind: "issue" | "replay" | "restatement";
                        progress: {
                            eventsRead: number;
                            /** @description Known for a replay; null for a read of the whole archive */
                            eventsTotal: number | null;
                        };
                        /** Format: date-time */
                        requestedAt: string;
                        requestedBy: string;
                        /** @description Once the job succeeded: the issued evaluation without its report body, the replay outcome or the restatement */
                        result?: unknown;
                        /** @description The issued evaluation, once an issue succeeded */
                        resultUrl?: string;
                        /** Format: date-time */
                        startedAt: string | null;
                        /** @enum {string} */
                        state: "queued" | "running" | "succeeded" | "failed";
                        /** @example /evaluation-jobs/0f8fad5b-d9cb-469f-a165-70867728950e */
                        statusUrl: string;
                    };
                };
            };
        };
    };
    EvaluationsController_report: {
        parameters: {
            query?: {
                /** @description CSV only: national, agencies (default), by-rank, by-level, by-training-group, by-format, courses, targets */
                table?: string;
            };
            header?: never;
            path: {
                evaluationId: string;
                format: "json" | "csv" | "xlsx" | "html" | "pdf";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    EvaluationsController_restate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                evaluationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job, queued or joined; follow it at Location */
            202: {
                headers: {
                    /** @description The job: /evaluation-jobs/{jobId} */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Once the job failed: the problem its request would have answered */
                        error?: {
                            detail?: string;
                            field?: string;
                            rule?: string;
                            status?: number;
                            title?: string;
                        };
                        evaluationId: string;
                        /** Format: date-time */
                        finishedAt: string | null;
                        /** Format: uuid */
                        jobId: string;
                        /** @enum {string} */
                        kind: "issue" | "replay" | "restatement";
                        progress: {
                            eventsRead: number;
                            /** @description Known for a replay; null for a read of the whole archive */
                            eventsTotal: number | null;
                        };
                        /** Format: date-time */
                        requestedAt: string;
                        requestedBy: string;
                        /** @description Once the job succeeded: the issued evaluation without its report body, the replay outcome or the restatement */
                        result?: unknown;
                        /** @description The issued evaluation, once an issue succeeded */
                        resultUrl?: string;
                        /** Format: date-time */
                        startedAt: string | null;
                        /** @enum {string} */
                        state: "queued" | "running" | "succeeded" | "failed";
                        /** @example /evaluation-jobs/0f8fad5b-d9cb-469f-a165-70867728950e */
                        statusUrl: string;
                    };
                };
            };
        };
    };
    HealthController_liveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Health Check is successful */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        /** @example {} */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example ok */
                        status?: string;
                    };
                };
            };
            /** @description The Health Check is not successful */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       },
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        /**
                         * @example {
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example error */
                        status?: string;
                    };
                };
            };
        };
    };
    EvaluationsController_policyVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description coverage-rule (which certificates count a person as trained) or phase-targets */
                policy: "coverage-rule" | "phase-targets";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    EvaluationsController_versionPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description coverage-rule (which certificates count a person as trained) or phase-targets */
                policy: "coverage-rule" | "phase-targets";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VersionPolicyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ProgressController_progress: {
        parameters: {
            query?: {
                /** @description YYYY-MM-DD; today in Viet Nam when omitted */
                asOf?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Health Check is successful */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        /** @example {} */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example ok */
                        status?: string;
                    };
                };
            };
            /** @description The Health Check is not successful */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       },
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        details?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        };
                        /**
                         * @example {
                         *       "redis": {
                         *         "status": "down",
                         *         "message": "Could not connect"
                         *       }
                         *     }
                         */
                        error?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /**
                         * @example {
                         *       "database": {
                         *         "status": "up"
                         *       }
                         *     }
                         */
                        info?: {
                            [key: string]: {
                                status: string;
                            } & {
                                [key: string]: unknown;
                            };
                        } | null;
                        /** @example error */
                        status?: string;
                    };
                };
            };
        };
    };
    RuntimeStatusController_status: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
