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
        get?: never;
        put?: never;
        /** Register a ministry, agency, province or commune-level unit */
        post: operations["AgenciesController_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agencies/{agencyId}/name": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Rename an agency (the old names stay in its history) */
        put: operations["AgenciesController_rename"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agencies/{agencyId}/nominations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every nomination an agency made */
        get: operations["NominationsController_ofAgency"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agencies/{agencyId}/nominations/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check nominations before submitting them (kiểm tra trước khi cử): records nothing
         * @description Each row names a run and a trainee (and may give the nomination id). It is validated and decided as a submission of the agency would be, on the run as it stands and on the rows before it; nothing is appended. The answer gives a result per row as a bulk answer does: accepted (would be recorded), already-recorded, or refused with the rule (a row that is not a valid body is refused with status 400 and its field errors).
         */
        post: operations["NominationsController_checkRows"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agencies/{agencyId}/rosters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every roster declaration of the agency, newest first */
        get: operations["StaffRostersController_history"];
        put?: never;
        /**
         * Declare how many regular and non-regular foreign-affairs staff the agency has as of a date
         * @description Declarations are never edited: a later as-of date supersedes. Resending the same declaration records nothing.
         */
        post: operations["StaffRostersController_declare"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agencies/{agencyId}/rosters/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check roster declarations before recording them (kiểm tra trước khi ghi): records nothing
         * @description Each row is a declaration body, validated as POST validates it and decided on the log and the rows before it; nothing is appended. The answer gives a result per row as a bulk answer does: accepted (would be recorded), already-recorded, or refused with the rule (a row that is not a valid body is refused with status 400 and its field errors).
         */
        post: operations["StaffRostersController_check"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agencies/{agencyId}/rosters/in-force": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The declaration in force on a date: the latest with an as-of date on or before it */
        get: operations["StaffRostersController_inForce"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agencies/{agencyId}/trainees": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The agency's trainees as they stand now, by trainee id (danh sách học viên)
         * @description From a read model of the log: it may lag a write by a moment. It holds no personal data. `q` finds trainees by name, diacritics and case ignored, through a folded name kept beside the trainee's key and destroyed with it. Pages with `after` (a trainee id) or `offset`; X-Total-Count says how many match.
         */
        get: operations["TraineesController_directory"];
        put?: never;
        /**
         * Register a staff member of the agency as a trainee (đăng ký học viên)
         * @description The profile (target group, rank, leadership, sector) is published to other services; the personal data (full name, date of birth, staff number) is kept sealed under a key of its own and never published. Resending the same registration records nothing.
         */
        post: operations["TraineesController_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agencies/{agencyId}/trainees/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register many staff members of the agency as trainees at once (đăng ký danh sách học viên), up to 1,000
         * @description Each registration is validated as POST /agencies/{agencyId}/trainees validates it (a body with a bad row is refused with 400 naming the row and field, and nothing is recorded), then decided and recorded on its own: a registration refused for a rule stops none of the others. A row without its own traineeId is registered under an id derived from the Idempotency-Key and its place, given in the answer. The answer gives a result per registration: accepted, already-recorded (the same registration sent again) or refused with the rule. Should a request fail part-way, its retry answers already-recorded for the trainees recorded before the failure.
         */
        post: operations["TraineesController_registerMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agencies/{agencyId}/trainees/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check registrations before recording them (kiểm tra trước khi ghi): records nothing
         * @description Each row is a registration body. It is validated as POST /agencies/{agencyId}/trainees validates it and decided on the log as it stands and on the rows before it; nothing is appended and no key is made. The answer gives a result per row as a bulk answer does: accepted (would be recorded), already-recorded, or refused with the rule (a row that is not a valid body is refused with status 400 and its field errors).
         */
        post: operations["TraineesController_checkRegistrations"];
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
    "/nominations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Nominations across runs, by status, run or agency (hàng chờ đề cử); an agency sees its own
         * @description Oldest first, so that the programme office decides in the order agencies nominated.
         */
        get: operations["NominationsController_queue"];
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
    "/runs/{runId}/nominations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Nominations to a run with their status; an agency sees its own */
        get: operations["NominationsController_ofRun"];
        put?: never;
        /**
         * Nominate one or many of an agency's trainees to a course run (cử cán bộ tham gia khóa bồi dưỡng)
         * @description Each trainee is checked on its own (belongs to the agency, target group and rank admitted, not already nominated, run open for nominations); the accepted ones are recorded together, and the answer gives a result per trainee: accepted, already-recorded (the same nomination sent again) or refused with the rule.
         */
        post: operations["NominationsController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/nominations/{nominationId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a nomination within the run’s capacity and the agency’s quota (duyệt) */
        post: operations["NominationsController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/nominations/{nominationId}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a nomination, with the reason (từ chối) */
        post: operations["NominationsController_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/nominations/{nominationId}/waitlist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Put a nomination on the waitlist (danh sách chờ) */
        post: operations["NominationsController_waitlist"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/nominations/{nominationId}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw a nomination before the run starts (rút cử); a freed seat goes to the waitlist
         * @description The nominating agency's system withdraws its own nominations; MOFA's programme office may withdraw any, at the agency's request.
         */
        post: operations["NominationsController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/nominations/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve, reject or waitlist many nominations of a run at once (duyệt danh sách cử cán bộ)
         * @description The decisions are taken in the order given, each against the run as the earlier ones left it (capacity, quotas); the accepted ones are recorded together, and the answer gives a result per decision: accepted, already-recorded (the nomination already stood so) or refused with the rule.
         */
        post: operations["NominationsController_decideMany"];
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
    "/trainees/{traineeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A trainee: profile, and personal data unless it was erased
         * @description An agency's system reads only the trainees who belong to its agency now.
         */
        get: operations["TraineesController_read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trainees/{traineeId}/erasure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase the personal data of a trainee on a lawful request (xoá dữ liệu cá nhân)
         * @description Destroys the trainee's key: the sealed personal data left in the immutable log can never be read again. The profile and every other record of the trainee stay, so that evaluations replay unchanged.
         */
        post: operations["TraineesController_erase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trainees/{traineeId}/nominations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A trainee's nomination history */
        get: operations["NominationsController_ofTrainee"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trainees/{traineeId}/personal-data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Correct the personal data of a trainee (đính chính thông tin cá nhân)
         * @description Sealed like the original; the same data sent again records nothing. Refused after erasure.
         */
        put: operations["TraineesController_correctPersonalData"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trainees/{traineeId}/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change target group, rank, leadership or sector from a date (thay đổi thông tin học viên)
         * @description Changes take effect in date order; the same change sent again records nothing.
         */
        put: operations["TraineesController_changeProfile"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trainees/{traineeId}/transfer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Transfer the trainee to another agency from a date (điều chuyển công tác)
         * @description Sent by the agency the trainee leaves; from then on the trainee belongs to the new agency.
         */
        post: operations["TraineesController_transfer"];
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
        ChangeTraineeProfileDto: {
            /**
             * Format: date
             * @description The day the change takes effect (ngày hiệu lực), YYYY-MM-DD
             * @example 2027-03-01
             */
            effectiveFrom: string;
            /**
             * @description Leader or manager (cán bộ lãnh đạo, quản lý)
             * @example false
             */
            leadership: boolean;
            /**
             * @description Cấp bậc: director-general (Vụ trưởng, Giám đốc Sở), deputy-director-general (cấp phó), division-level (cấp phòng), specialist (chuyên viên), other
             * @example specialist
             * @enum {string}
             */
            rank: "director-general" | "deputy-director-general" | "division-level" | "specialist" | "other";
            /**
             * @description Sector or field of work (lĩnh vực), e.g. international law; null when none applies
             * @example international law
             */
            sector?: string | null;
            /**
             * @description Đối tượng: regular (trực tiếp, thường xuyên) or non-regular (không thường xuyên) foreign-affairs staff
             * @example regular
             * @enum {string}
             */
            targetGroup: "regular" | "non-regular";
        };
        CheckRowsDto: {
            /** @description Up to 1000 request bodies, one a row, in the file's order */
            rows: {
                [key: string]: unknown;
            }[];
        };
        DecideNominationsDto: {
            /** @description Up to 1000 decisions, taken in order */
            decisions: components["schemas"]["NominationDecisionDto"][];
        };
        DeclareStaffRosterDto: {
            /**
             * Format: date
             * @description The date the headcounts are true of (YYYY-MM-DD)
             * @example 2027-01-01
             */
            asOf: string;
            /** @description Optional split by rank; it must add up to the totals */
            byRank?: components["schemas"]["RankHeadcountDto"][];
            /**
             * @description Non-regular foreign-affairs staff (không thường xuyên)
             * @example 60
             */
            nonRegular: number;
            /**
             * @description Regular foreign-affairs staff (trực tiếp, thường xuyên)
             * @example 150
             */
            regular: number;
        };
        EraseTraineePersonalDataDto: {
            /**
             * @description The lawful ground of the erasure (căn cứ xoá dữ liệu cá nhân). It stays in the log for good: cite the ground and the request, never the person.
             * @example Request of the data subject under Article 16 of Decree 13/2023/ND-CP
             */
            reason: string;
        };
        NominationDecisionDto: {
            /**
             * @description approve (duyệt), reject (từ chối) or waitlist (danh sách chờ)
             * @enum {string}
             */
            decision: "approve" | "reject" | "waitlist";
            /** @example 0f8fad5b-d9cb-469f-a165-70867728950e */
            nominationId: string;
            /**
             * @description Required to reject
             * @example Not in the target group of this advanced course
             */
            reason?: string;
        };
        NominationItemDto: {
            /**
             * Format: uuid
             * @description The caller's own id for this nomination; derived from the Idempotency-Key when omitted
             * @example 0f8fad5b-d9cb-469f-a165-70867728950e
             */
            nominationId?: string;
            /**
             * @description The trainee (học viên) being sent
             * @example 7c9e6679-7425-40de-944b-e07fc1f90ae7
             */
            traineeId: string;
        };
        OptionalReasonDto: {
            /** @example Assigned to a delegation abroad on the course dates */
            reason?: string;
        };
        RankHeadcountDto: {
            /** @example 40 */
            nonRegular: number;
            /**
             * @description Ngạch/cấp: director-general (Vụ trưởng, Giám đốc Sở) … specialist (chuyên viên)
             * @example specialist
             * @enum {string}
             */
            rank: "director-general" | "deputy-director-general" | "division-level" | "specialist" | "other";
            /** @example 120 */
            regular: number;
        };
        ReasonDto: {
            /** @example Not in the target group of this advanced course */
            reason: string;
        };
        RegisterAgencyDto: {
            /**
             * @description Stable agency code (mã cơ quan): capitals, digits and dashes
             * @example BNG
             */
            code: string;
            /**
             * @description Loại cơ quan
             * @example ministry
             * @enum {string}
             */
            kind: "ministry" | "ministerial-level-agency" | "government-agency" | "province" | "commune";
            /**
             * @description Name in English
             * @example Ministry of Foreign Affairs
             */
            nameEn: string;
            /**
             * @description Name in Vietnamese (tên tiếng Việt)
             * @example Bộ Ngoại giao
             */
            nameVi: string;
            /**
             * Format: date-time
             * @description When the registration took effect; now when omitted
             * @example 2026-06-01T08:00:00+07:00
             */
            occurredAt?: string;
            /**
             * @description For a commune-level unit (cấp xã): the code of its province
             * @example HN
             */
            parentAgencyCode?: string | null;
        };
        RegisterTraineeDto: {
            /**
             * @description Date of birth (ngày sinh), YYYY-MM-DD, from 1900-01-01 to today
             * @example 1990-04-12
             */
            dateOfBirth: string;
            /**
             * @description Full name (họ và tên)
             * @example Nguyễn Thị Lan
             */
            fullName: string;
            /**
             * @description Leader or manager (cán bộ lãnh đạo, quản lý)
             * @example false
             */
            leadership: boolean;
            /**
             * @description Cấp bậc: director-general (Vụ trưởng, Giám đốc Sở), deputy-director-general (cấp phó), division-level (cấp phòng), specialist (chuyên viên), other
             * @example specialist
             * @enum {string}
             */
            rank: "director-general" | "deputy-director-general" | "division-level" | "specialist" | "other";
            /**
             * @description Sector or field of work (lĩnh vực), e.g. international law; null when none applies
             * @example international law
             */
            sector?: string | null;
            /**
             * @description The agency's own staff number (mã cán bộ) in its HR register; never a national ID number (số CCCD). Letters outside ASCII (Vietnamese ones too) are accepted as well.
             * @example BTP-004512
             */
            staffNumber: string;
            /**
             * @description Đối tượng: regular (trực tiếp, thường xuyên) or non-regular (không thường xuyên) foreign-affairs staff
             * @example regular
             * @enum {string}
             */
            targetGroup: "regular" | "non-regular";
            /**
             * @description Trainee id (mã học viên). Send your own stable id so that a retried request registers the trainee once; a random UUID is chosen when omitted. It must not carry personal data: not the staff number, name or birth date.
             * @example 3f6c1d2a-8b7e-4f0a-9c1d-5e2b7a9c4d10
             */
            traineeId?: string;
        };
        RegisterTraineesDto: {
            /** @description Up to 1000 registrations, each as POST /agencies/{agencyId}/trainees takes it */
            trainees: components["schemas"]["RegisterTraineeDto"][];
        };
        RenameAgencyDto: {
            /** @example Ministry of Foreign Affairs */
            nameEn: string;
            /** @example Bộ Ngoại giao */
            nameVi: string;
            /**
             * Format: date-time
             * @example 2027-01-01T00:00:00+07:00
             */
            occurredAt?: string;
        };
        SubmitNominationsDto: {
            /**
             * @description The nominating agency (cơ quan cử); an agency-bound token nominates for its own agency only
             * @example BNV
             */
            agencyId?: string;
            /** @description Up to 1000 trainees */
            nominations: components["schemas"]["NominationItemDto"][];
        };
        TraineePersonalDataDto: {
            /**
             * @description Date of birth (ngày sinh), YYYY-MM-DD, from 1900-01-01 to today
             * @example 1990-04-12
             */
            dateOfBirth: string;
            /**
             * @description Full name (họ và tên)
             * @example Nguyễn Thị Lan
             */
            fullName: string;
            /**
             * @description The agency's own staff number (mã cán bộ) in its HR register; never a national ID number (số CCCD). Letters outside ASCII (Vietnamese ones too) are accepted as well.
             * @example BTP-004512
             */
            staffNumber: string;
        };
        TransferTraineeDto: {
            /**
             * Format: date
             * @description The day the transfer (điều chuyển) takes effect, YYYY-MM-DD
             * @example 2027-07-01
             */
            effectiveFrom: string;
            /**
             * @description Code of the agency the trainee moves to (cơ quan chuyển đến)
             * @example BNG
             */
            toAgencyId: string;
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
    AgenciesController_register: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterAgencyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AgenciesController_rename: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agencyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RenameAgencyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    NominationsController_ofAgency: {
        parameters: {
            query?: {
                /** @description Items in the page, 1–5000; 5000 when omitted. The answer's X-Total-Count header says how many there are in all */
                limit?: number;
                /** @description Items to skip, 0 when omitted */
                offset?: number;
            };
            header?: never;
            path: {
                agencyId: string;
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
    NominationsController_checkRows: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agencyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckRowsDto"];
            };
        };
        responses: {
            /** @description A result per row, in the file’s order, with the count of each result; nothing is recorded */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Items recorded now */
                        accepted: number;
                        /** @description Items recorded before by the same content: nothing new */
                        alreadyRecorded: number;
                        items: ({
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            /** @enum {string} */
                            result: "accepted";
                            /** @description The id the row would record under, when the row gives it */
                            subjectId: string | null;
                        } | {
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            /** @enum {string} */
                            result: "already-recorded";
                            /** @description The id the row would record under, when the row gives it */
                            subjectId: string | null;
                        } | {
                            /** @description Only for a row that is not a valid request body: every field its validation names */
                            errors?: {
                                field: string;
                                reason: string;
                            }[];
                            /** @description The input that breaks it */
                            field: string | null;
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            /** @enum {string} */
                            kind: "invalid" | "conflict" | "not-found" | "forbidden";
                            reason: string;
                            /** @enum {string} */
                            result: "refused";
                            /** @description The rule it breaks */
                            rule: string;
                            /** @description The HTTP status the item would have had on its own */
                            status: number;
                            /** @description The id the row would record under, when the row gives it */
                            subjectId: string | null;
                        })[];
                        /** @description Items refused, each with its rule */
                        refused: number;
                    };
                };
            };
        };
    };
    StaffRostersController_history: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agencyId: string;
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
    StaffRostersController_declare: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agencyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeclareStaffRosterDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    StaffRostersController_check: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agencyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckRowsDto"];
            };
        };
        responses: {
            /** @description A result per row, in the file’s order, with the count of each result; nothing is recorded */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Items recorded now */
                        accepted: number;
                        /** @description Items recorded before by the same content: nothing new */
                        alreadyRecorded: number;
                        items: ({
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            /** @enum {string} */
                            result: "accepted";
                            /** @description The id the row would record under, when the row gives it */
                            subjectId: string | null;
                        } | {
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            /** @enum {string} */
                            result: "already-recorded";
                            /** @description The id the row would record under, when the row gives it */
                            subjectId: string | null;
                        } | {
                            /** @description Only for a row that is not a valid request body: every field its validation names */
                            errors?: {
                                field: string;
                                reason: string;
                            }[];
                            /** @description The input that breaks it */
                            field: string | null;
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            /** @enum {string} */
                            kind: "invalid" | "conflict" | "not-found" | "forbidden";
                            reason: string;
                            /** @enum {string} */
                            result: "refused";
                            /** @description The rule it breaks */
                            rule: string;
                            /** @description The HTTP status the item would have had on its own */
                            status: number;
                            /** @description The id the row would record under, when the row gives it */
                            subjectId: string | null;
                        })[];
                        /** @description Items refused, each with its rule */
                        refused: number;
                    };
                };
            };
        };
    };
    StaffRostersController_inForce: {
        parameters: {
            query: {
                /** @description The day the declaration must be in force on (YYYY-MM-DD) */
                asOf: string;
            };
            header?: never;
            path: {
                agencyId: string;
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
    TraineesController_directory: {
        parameters: {
            query?: {
                /** @description Continue after this trainee id (from `next` of the previous page) */
                after?: string;
                /** @description Items in the page, 1–5000; 5000 when omitted. The answer's X-Total-Count header says how many there are in all */
                limit?: number;
                /** @description Items to skip, 0 when omitted */
                offset?: number;
                /** @description Words the name or title contains at the start of a word; diacritics and case are ignored ("nguyen thi" finds "Nguyễn Thị …") */
                q?: string;
            };
            header?: never;
            path: {
                agencyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    TraineesController_register: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agencyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterTraineeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    TraineesController_registerMany: {
        parameters: {
            query?: never;
            header: {
                /** @description Retries with the same key return the first result */
                "Idempotency-Key": string;
            };
            path: {
                agencyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterTraineesDto"];
            };
        };
        responses: {
            /** @description A result per registration, in the order given, with the count of each result */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Items recorded now */
                        accepted: number;
                        agencyId: string;
                        /** @description Items recorded before by the same content: nothing new */
                        alreadyRecorded: number;
                        items: ({
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            /** @enum {string} */
                            result: "accepted";
                            traineeId: string;
                        } | {
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            /** @enum {string} */
                            result: "already-recorded";
                            traineeId: string;
                        } | {
                            /** @description Only for a row that is not a valid request body: every field its validation names */
                            errors?: {
                                field: string;
                                reason: string;
                            }[];
                            /** @description The input that breaks it */
                            field: string | null;
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            /** @enum {string} */
                            kind: "invalid" | "conflict" | "not-found" | "forbidden";
                            reason: string;
                            /** @enum {string} */
                            result: "refused";
                            /** @description The rule it breaks */
                            rule: string;
                            /** @description The HTTP status the item would have had on its own */
                            status: number;
                            traineeId: string;
                        })[];
                        /** @description Items refused, each with its rule */
                        refused: number;
                    };
                };
            };
        };
    };
    TraineesController_checkRegistrations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agencyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CheckRowsDto"];
            };
        };
        responses: {
            /** @description A result per row, in the file’s order, with the count of each result; nothing is recorded */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Items recorded now */
                        accepted: number;
                        /** @description Items recorded before by the same content: nothing new */
                        alreadyRecorded: number;
                        items: ({
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            /** @enum {string} */
                            result: "accepted";
                            /** @description The id the row would record under, when the row gives it */
                            subjectId: string | null;
                        } | {
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            /** @enum {string} */
                            result: "already-recorded";
                            /** @description The id the row would record under, when the row gives it */
                            subjectId: string | null;
                        } | {
                            /** @description Only for a row that is not a valid request body: every field its validation names */
                            errors?: {
                                field: string;
                                reason: string;
                            }[];
                            /** @description The input that breaks it */
                            field: string | null;
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            /** @enum {string} */
                            kind: "invalid" | "conflict" | "not-found" | "forbidden";
                            reason: string;
                            /** @enum {string} */
                            result: "refused";
                            /** @description The rule it breaks */
                            rule: string;
                            /** @description The HTTP status the item would have had on its own */
                            status: number;
                            /** @description The id the row would record under, when the row gives it */
                            subjectId: string | null;
                        })[];
                        /** @description Items refused, each with its rule */
                        refused: number;
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
    NominationsController_queue: {
        parameters: {
            query?: {
                /** @description Nominations made by one agency (cơ quan cử) */
                agencyId?: string;
                /** @description Items in the page, 1–5000; 5000 when omitted. The answer's X-Total-Count header says how many there are in all */
                limit?: number;
                /** @description Items to skip, 0 when omitted */
                offset?: number;
                /** @description Nominations to one run (lớp) */
                runId?: string;
                /** @description submitted (chờ duyệt), approved, rejected, waitlisted (danh sách chờ), withdrawn, cancelled */
                status?: "submitted" | "approved" | "rejected" | "waitlisted" | "withdrawn" | "cancelled";
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
    NominationsController_ofRun: {
        parameters: {
            query?: {
                /** @description Items in the page, 1–5000; 5000 when omitted. The answer's X-Total-Count header says how many there are in all */
                limit?: number;
                /** @description Items to skip, 0 when omitted */
                offset?: number;
            };
            header?: never;
            path: {
                runId: string;
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
    NominationsController_submit: {
        parameters: {
            query?: never;
            header: {
                /** @description Retries with the same key return the first result */
                "Idempotency-Key": string;
            };
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitNominationsDto"];
            };
        };
        responses: {
            /** @description A result per trainee, in the order given, with the count of each result */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Items recorded now */
                        accepted: number;
                        /** @description Items recorded before by the same content: nothing new */
                        alreadyRecorded: number;
                        items: ({
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            nominationId: string;
                            /** @enum {string} */
                            result: "accepted";
                            traineeId: string;
                        } | {
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            nominationId: string;
                            /** @enum {string} */
                            result: "already-recorded";
                            traineeId: string;
                        } | {
                            /** @description Only for a row that is not a valid request body: every field its validation names */
                            errors?: {
                                field: string;
                                reason: string;
                            }[];
                            /** @description The input that breaks it */
                            field: string | null;
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            /** @enum {string} */
                            kind: "invalid" | "conflict" | "not-found" | "forbidden";
                            nominationId: string;
                            reason: string;
                            /** @enum {string} */
                            result: "refused";
                            /** @description The rule it breaks */
                            rule: string;
                            /** @description The HTTP status the item would have had on its own */
                            status: number;
                            traineeId: string;
                        })[];
                        /** @description Items refused, each with its rule */
                        refused: number;
                        runId: string;
                    };
                };
            };
        };
    };
    NominationsController_approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                nominationId: string;
                runId: string;
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
    NominationsController_reject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                nominationId: string;
                runId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    NominationsController_waitlist: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                nominationId: string;
                runId: string;
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
    NominationsController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                nominationId: string;
                runId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OptionalReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    NominationsController_decideMany: {
        parameters: {
            query?: never;
            header: {
                /** @description Retries with the same key return the first result */
                "Idempotency-Key": string;
            };
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecideNominationsDto"];
            };
        };
        responses: {
            /** @description A result per decision, in the order given, with the count of each result */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Items recorded now */
                        accepted: number;
                        /** @description Items recorded before by the same content: nothing new */
                        alreadyRecorded: number;
                        items: ({
                            /** @enum {string} */
                            decision: "approve" | "reject" | "waitlist";
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            nominationId: string;
                            /** @enum {string} */
                            result: "accepted";
                        } | {
                            /** @enum {string} */
                            decision: "approve" | "reject" | "waitlist";
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            nominationId: string;
                            /** @enum {string} */
                            result: "already-recorded";
                        } | {
                            /** @enum {string} */
                            decision: "approve" | "reject" | "waitlist";
                            /** @description Only for a row that is not a valid request body: every field its validation names */
                            errors?: {
                                field: string;
                                reason: string;
                            }[];
                            /** @description The input that breaks it */
                            field: string | null;
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            /** @enum {string} */
                            kind: "invalid" | "conflict" | "not-found" | "forbidden";
                            nominationId: string;
                            reason: string;
                            /** @enum {string} */
                            result: "refused";
                            /** @description The rule it breaks */
                            rule: string;
                            /** @description The HTTP status the item would have had on its own */
                            status: number;
                        })[];
                        /** @description Items refused, each with its rule */
                        refused: number;
                        runId: string;
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
    TraineesController_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                traineeId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    TraineesController_erase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                traineeId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EraseTraineePersonalDataDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    NominationsController_ofTrainee: {
        parameters: {
            query?: {
                /** @description Items in the page, 1–5000; 5000 when omitted. The answer's X-Total-Count header says how many there are in all */
                limit?: number;
                /** @description Items to skip, 0 when omitted */
                offset?: number;
            };
            header?: never;
            path: {
                traineeId: string;
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
    TraineesController_correctPersonalData: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                traineeId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TraineePersonalDataDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    TraineesController_changeProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                traineeId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeTraineeProfileDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    TraineesController_transfer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                traineeId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransferTraineeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
}
