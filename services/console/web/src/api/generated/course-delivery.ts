// Generated from the service's OpenAPI document by test/openapi/console-api-types.spec.ts; do not edit.
// Regenerate: TL_UPDATE_API_TYPES=1 npx jest --selectProjects unit -- test/openapi

export interface paths {
    "/courses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The catalogue, by code, optionally of one level, training group or format, or searched by title */
        get: operations["CatalogueController_list"];
        put?: never;
        /**
         * Define a course with its first completion rule
         * @description Sending the same definition again records nothing; a different one for the same course is refused.
         */
        post: operations["CatalogueController_define"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/courses/{courseId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One course with every version of its completion rule, oldest first */
        get: operations["CatalogueController_one"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/courses/{courseId}/completion-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Put a new version of the completion rule in force
         * @description Runs already scheduled keep the rule they were scheduled under; the same terms again record nothing.
         */
        post: operations["CatalogueController_versionCompletionRule"];
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
    "/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Runs by start date, optionally overlapping a period, of one level, format, status or course, hosted by one agency or delivered by one institution */
        get: operations["CourseRunsController_list"];
        put?: never;
        /**
         * Schedule a run of a catalogued course under the completion rule in force now
         * @description The same scheduling sent again records nothing; a different one for the same run is refused.
         */
        post: operations["CourseRunsController_schedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One run with its timetable, cancelled sessions marked, and its lecturers */
        get: operations["CourseRunsController_one"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/assessments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The run's recorded assessment results, of the trainees the caller may read (kết quả đánh giá) */
        get: operations["AttendanceController_assessments"];
        put?: never;
        /** Record a trainee's assessment result for the run (kết quả kiểm tra, đánh giá) */
        post: operations["AttendanceController_assess"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/assessments/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record many trainees' assessment results for the run at once (kết quả kiểm tra, đánh giá theo danh sách), up to 1,000
         * @description Each result is decided as POST /runs/{runId}/assessments decides one: accepted, already-recorded (the same result sent again) or refused with the rule. The accepted ones are recorded together.
         */
        post: operations["AttendanceController_assessMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/attendance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The attendance sheet of a run: the status in force per session and trainee (bảng điểm danh) */
        get: operations["AttendanceController_sheet"];
        put?: never;
        /**
         * Post attendance marks of a run in bulk (điểm danh), up to 5,000 at once
         * @description Only the system of the institution delivering the run or of the agency hosting it posts. Each mark gets its own result: accepted, already-recorded (the same record id with the same content) or refused with the rule it breaks and its kind (conflict for a record id posted with other content or a trainee already marked). The accepted marks are recorded together.
         */
        post: operations["AttendanceController_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/attendance/corrections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Correct a recorded mark, with the reason (sửa điểm danh) */
        post: operations["AttendanceController_correct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/attendance/corrections/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Correct many recorded marks of a run at once, each with its reason (sửa điểm danh theo danh sách), up to 1,000
         * @description Each correction is decided as POST /runs/{runId}/attendance/corrections decides one, in the order given, on the sheet as the earlier ones left it: accepted, already-recorded (the mark already has that status) or refused with the rule. The accepted ones are recorded together.
         */
        post: operations["AttendanceController_correctMany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/attendance/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One cell's history: the mark as posted and every correction, with who and when (lịch sử điểm danh)
         * @description Read by whoever may read the cell on the sheet; oldest first.
         */
        get: operations["AttendanceController_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel the run (hủy lớp); a completed run cannot be cancelled */
        post: operations["CourseRunsController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close the run (bế giảng) once its last session is past
         * @description Publishes the sessions held, whether a foreign lecturer taught, and the completion rule the run keeps.
         */
        post: operations["CourseRunsController_complete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The run's feedback on its effectiveness (phản hồi): counts, average ratings and each response the caller may read
         * @description The office and the delivering institution read every response; an agency reads what it and its trainees gave.
         */
        get: operations["AttendanceController_feedbackOf"];
        put?: never;
        /** Submit feedback on a run from a sending agency or its trainee (phản hồi) */
        post: operations["AttendanceController_feedback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/lecturers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign a lecturer (giảng viên) to the run */
        post: operations["CourseRunsController_assignLecturer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the dates, nomination deadline, seats or quotas of a run not yet started */
        post: operations["CourseRunsController_reschedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/roster": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The trainees approved for the run, as enrolment published them (danh sách học viên) */
        get: operations["AttendanceController_roster"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a session (buổi học) to the timetable */
        post: operations["CourseRunsController_addSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/sessions/{sessionId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a session; it stays in the timetable, marked, and is not counted as held */
        post: operations["CourseRunsController_cancelSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open the run (khai giảng), on or after its start date in Viet Nam */
        post: operations["CourseRunsController_start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/runs/{runId}/trainees/{traineeId}/attendance-share": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A trainee's share of the run's held sessions attended, and whether the run's completion rule is met (tỷ lệ tham dự, điều kiện hoàn thành)
         * @description Judged by the same completion rule certification issues certificates by: the share is rounded down to four places, excused absences count only when the rule says so, and `completed` also needs an approved nomination and, when the rule requires one, a passed assessment. Before the run is completed it answers for the sessions held so far.
         */
        get: operations["AttendanceController_share"];
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
        AgencyQuotaDto: {
            /**
             * @description The nominating agency (cơ quan cử)
             * @example BTP
             */
            agencyId: string;
            /**
             * @description Seats reserved for the agency (chỉ tiêu)
             * @example 5
             */
            seats: number;
        };
        AttendanceCorrectionsDto: {
            /** @description Up to 1000 corrections, each as POST /runs/{runId}/attendance/corrections takes it, decided in order */
            corrections: components["schemas"]["CorrectAttendanceDto"][];
        };
        AttendanceMarkDto: {
            /**
             * Format: date-time
             * @description When the trainee was observed, with its offset
             * @example 2027-05-10T08:05:00+07:00
             */
            observedAt: string;
            /**
             * @description The integration's own id for this mark, unique among its marks
             * @example HVNG-2027-000123
             */
            recordId: string;
            /** @example S1 */
            sessionId: string;
            /** @enum {string} */
            status: "present" | "late" | "absent" | "excused";
            /** @example 7c9e6679-7425-40de-944b-e07fc1f90ae7 */
            traineeId: string;
        };
        CancellationDto: {
            /**
             * @description Why (lý do hủy)
             * @example Giảng viên ốm — lecturer taken ill
             */
            reason: string;
        };
        CompletionRuleTermsDto: {
            /**
             * @description Whether a final assessment (bài kiểm tra cuối khóa) is required
             * @example true
             */
            assessmentRequired: boolean;
            /**
             * @description Whether an excused absence (vắng có phép) counts as attended
             * @example true
             */
            excusedCountsAsAttended: boolean;
            /**
             * @description Minimum share of held sessions attended (tỷ lệ tham dự tối thiểu), 0.0000–1.0000
             * @example 0.8000
             */
            minAttendanceShare: string;
            /**
             * @description Pass mark when an assessment is required; null otherwise
             * @example 5
             */
            passMark: number | null;
        };
        CorrectAttendanceDto: {
            /** @enum {string} */
            newStatus: "present" | "late" | "absent" | "excused";
            /** @example Medical certificate presented on the next day */
            reason: string;
            /** @example S1 */
            sessionId: string;
            /** @example 7c9e6679-7425-40de-944b-e07fc1f90ae7 */
            traineeId: string;
        };
        DefineCourseDto: {
            /**
             * @description Catalogue code
             * @example NV-DP-01
             */
            code: string;
            /** @description Điều kiện hoàn thành; the course numbers it version 1 */
            completionRule: components["schemas"]["CompletionRuleTermsDto"];
            /**
             * @description Stable identifier of the course (mã khóa học)
             * @example NV-DP-01
             */
            courseId: string;
            /**
             * @description Ngạch/cấp eligible
             * @example [
             *       "specialist",
             *       "division-level"
             *     ]
             */
            eligibleRanks: ("director-general" | "deputy-director-general" | "division-level" | "specialist" | "other")[];
            /**
             * @description Đối tượng: regular (thường xuyên) and/or non-regular (không thường xuyên) staff
             * @example [
             *       "regular",
             *       "non-regular"
             *     ]
             */
            eligibleTargetGroups: ("regular" | "non-regular")[];
            /**
             * @description Hình thức tổ chức
             * @example in-person
             * @enum {string}
             */
            format: "in-person" | "online" | "internship-domestic" | "internship-abroad" | "international-event";
            /**
             * @description Languages of instruction
             * @example [
             *       "vi",
             *       "en"
             *     ]
             */
            languages: string[];
            /**
             * @description Length in days
             * @example 5
             */
            lengthDays: number;
            /**
             * @description Length in hours (số tiết quy đổi giờ)
             * @example 40
             */
            lengthHours: number;
            /**
             * @description Cấp độ: universal (phổ cập), advanced (nâng cao), specialised (chuyên sâu), sector-specific (đặc thù)
             * @example universal
             * @enum {string}
             */
            level: "universal" | "advanced" | "specialised" | "sector-specific";
            /**
             * @description Nhóm yêu cầu the course serves
             * @example [
             *       "expertise"
             *     ]
             */
            requirementGroups: ("political-mettle" | "expertise" | "skills-and-style")[];
            /**
             * @description The sector a sector-specific (đặc thù) course serves, e.g. "ASEAN"; null otherwise
             * @example null
             */
            sector?: string | null;
            /**
             * @description English title
             * @example Foundations of foreign affairs practice
             */
            titleEn: string;
            /**
             * @description Vietnamese title (tên khóa học)
             * @example Nghiệp vụ đối ngoại cơ bản
             */
            titleVi: string;
            /**
             * @description Nhóm bồi dưỡng: expertise (chuyên môn) or skills-and-style (kỹ năng, tác phong)
             * @example expertise
             * @enum {string}
             */
            trainingGroup: "expertise" | "skills-and-style";
        };
        LecturerDto: {
            /** @example ASEAN Secretariat */
            affiliation?: string | null;
            /**
             * @description Identifier of the lecturer (giảng viên)
             * @example L-ASEAN-07
             */
            lecturerId: string;
            /** @example Nguyễn Văn An */
            name: string;
            /**
             * @description vietnamese (giảng viên trong nước) or foreign (giảng viên nước ngoài)
             * @example foreign
             * @enum {string}
             */
            origin: "vietnamese" | "foreign";
        };
        PostAttendanceDto: {
            /** @description Up to 5000 marks */
            marks: components["schemas"]["AttendanceMarkDto"][];
        };
        RatingsDto: {
            content: number;
            lecturers: number;
            organisation: number;
        };
        RecordAssessmentDto: {
            /** @example 100 */
            maxScore: number;
            /** @example true */
            passed: boolean;
            /** @example 78 */
            score: number;
            /** @example 7c9e6679-7425-40de-944b-e07fc1f90ae7 */
            traineeId: string;
        };
        RecordAssessmentsDto: {
            /** @description Up to 1000 trainees' results, each as POST /runs/{runId}/assessments takes it */
            assessments: components["schemas"]["RecordAssessmentDto"][];
        };
        RunDatesDto: {
            /** @description Seats reserved per agency; none when omitted */
            agencyQuotas?: components["schemas"]["AgencyQuotaDto"][];
            /**
             * @description Seats in the run
             * @example 40
             */
            capacity: number;
            /**
             * Format: date
             * @description Last day of the run (YYYY-MM-DD)
             * @example 2027-03-19
             */
            endDate: string;
            /**
             * Format: date
             * @description Last day nominations (cử cán bộ) are accepted
             * @example 2027-03-01
             */
            nominationDeadline: string;
            /**
             * Format: date
             * @description First day of the run (YYYY-MM-DD)
             * @example 2027-03-15
             */
            startDate: string;
        };
        ScheduleCourseRunDto: {
            /** @description Seats reserved per agency; none when omitted */
            agencyQuotas?: components["schemas"]["AgencyQuotaDto"][];
            /**
             * @description Seats in the run
             * @example 40
             */
            capacity: number;
            /**
             * @description The course in the catalogue
             * @example NV-DP-01
             */
            courseId: string;
            /**
             * Format: date
             * @description Last day of the run (YYYY-MM-DD)
             * @example 2027-03-19
             */
            endDate: string;
            /**
             * @description The ministry or province hosting the run, if any
             * @example BTP
             */
            hostAgencyId?: string | null;
            lecturers?: components["schemas"]["LecturerDto"][];
            /**
             * Format: date
             * @description Last day nominations (cử cán bộ) are accepted
             * @example 2027-03-01
             */
            nominationDeadline: string;
            /**
             * @description The training institution (cơ sở đào tạo) that delivers the run
             * @example HVNG
             */
            providerInstitutionId: string;
            /**
             * @description Identifier of the run (lớp); a new one when omitted
             * @example NV-DP-01-2027-1
             */
            runId?: string;
            /** @description The timetable (thời khóa biểu) */
            sessions?: components["schemas"]["SessionDto"][];
            /**
             * Format: date
             * @description First day of the run (YYYY-MM-DD)
             * @example 2027-03-15
             */
            startDate: string;
            /**
             * @description Địa điểm; null for a run held online
             * @example Học viện Ngoại giao, 69 Chùa Láng, Hà Nội
             */
            venue?: string | null;
            /**
             * @description What happens to nominations beyond the seats
             * @example flag-for-review
             * @enum {string}
             */
            waitlistPolicy: "auto-approve" | "flag-for-review";
        };
        SessionDto: {
            /**
             * Format: date
             * @description The day the session is held (YYYY-MM-DD)
             * @example 2027-03-15
             */
            date: string;
            /**
             * Format: date-time
             * @description End, ISO-8601 with offset
             * @example 2027-03-15T11:30:00+07:00
             */
            endsAt: string;
            /**
             * @description Identifier of the session (buổi học) within the run
             * @example S01
             */
            sessionId: string;
            /**
             * Format: date-time
             * @description Start, ISO-8601 with offset
             * @example 2027-03-15T08:00:00+07:00
             */
            startsAt: string;
        };
        SubmitFeedbackDto: {
            /**
             * @description The sending agency; an agency-bound token gives feedback for its own agency only
             * @example BNV
             */
            agencyId?: string;
            /** @example Useful simulation of a multilateral negotiation */
            comment?: string;
            /**
             * @description The sender's own id for this feedback
             * @example 0f8fad5b-d9cb-469f-a165-70867728950e
             */
            feedbackId: string;
            /** @enum {string} */
            from: "trainee" | "agency";
            ratings: components["schemas"]["RatingsDto"];
        };
        VersionCompletionRuleDto: {
            /**
             * @description Whether a final assessment (bài kiểm tra cuối khóa) is required
             * @example true
             */
            assessmentRequired: boolean;
            /**
             * @description Whether an excused absence (vắng có phép) counts as attended
             * @example true
             */
            excusedCountsAsAttended: boolean;
            /**
             * @description Minimum share of held sessions attended (tỷ lệ tham dự tối thiểu), 0.0000–1.0000
             * @example 0.8000
             */
            minAttendanceShare: string;
            /**
             * @description Pass mark when an assessment is required; null otherwise
             * @example 5
             */
            passMark: number | null;
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
    CatalogueController_list: {
        parameters: {
            query?: {
                format?: "in-person" | "online" | "internship-domestic" | "internship-abroad" | "international-event";
                level?: "universal" | "advanced" | "specialised" | "sector-specific";
                /** @description Items in the page, 1–5000; 5000 when omitted. The answer's X-Total-Count header says how many there are in all */
                limit?: number;
                /** @description Items to skip, 0 when omitted */
                offset?: number;
                /** @description Words the name or title contains at the start of a word; diacritics and case are ignored ("nguyen thi" finds "Nguyễn Thị …") */
                q?: string;
                trainingGroup?: "expertise" | "skills-and-style";
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
    CatalogueController_define: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DefineCourseDto"];
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
    CatalogueController_one: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                courseId: string;
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
    CatalogueController_versionCompletionRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                courseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VersionCompletionRuleDto"];
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
    CourseRunsController_list: {
        parameters: {
            query?: {
                /** @description Runs of one course in the catalogue */
                courseId?: string;
                format?: "in-person" | "online" | "internship-domestic" | "internship-abroad" | "international-event";
                /** @description Runs that end on or after this date */
                from?: string;
                hostAgencyId?: string;
                level?: "universal" | "advanced" | "specialised" | "sector-specific";
                /** @description Items in the page, 1–5000; 5000 when omitted. The answer's X-Total-Count header says how many there are in all */
                limit?: number;
                /** @description Items to skip, 0 when omitted */
                offset?: number;
                /** @description Runs delivered by this training institution (cơ sở đào tạo) */
                providerInstitutionId?: string;
                /** @description scheduled (đã lên lịch), started (đã khai giảng), cancelled (đã hủy), completed (đã bế giảng) */
                status?: "scheduled" | "started" | "cancelled" | "completed";
                /** @description Runs that start on or before this date */
                to?: string;
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
    CourseRunsController_schedule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScheduleCourseRunDto"];
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
    CourseRunsController_one: {
        parameters: {
            query?: never;
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
    AttendanceController_assessments: {
        parameters: {
            query?: never;
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
    AttendanceController_assess: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordAssessmentDto"];
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
    AttendanceController_assessMany: {
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
                "application/json": components["schemas"]["RecordAssessmentsDto"];
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
                        runId: string;
                    };
                };
            };
        };
    };
    AttendanceController_sheet: {
        parameters: {
            query?: never;
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
    AttendanceController_post: {
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
                "application/json": components["schemas"]["PostAttendanceDto"];
            };
        };
        responses: {
            /** @description A result per mark, in the order posted, with the count of each result */
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
                            /** @description The caller’s own id for the mark */
                            recordId: string;
                            /** @enum {string} */
                            result: "accepted";
                        } | {
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            /** @description The caller’s own id for the mark */
                            recordId: string;
                            /** @enum {string} */
                            result: "already-recorded";
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
                            /** @description The caller’s own id for the mark */
                            recordId: string;
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
    AttendanceController_correct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CorrectAttendanceDto"];
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
    AttendanceController_correctMany: {
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
                "application/json": components["schemas"]["AttendanceCorrectionsDto"];
            };
        };
        responses: {
            /** @description A result per correction, in the order given, with the count of each result */
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
                            sessionId: string;
                            traineeId: string;
                        } | {
                            /** @description The item’s place in the request, from 0 */
                            index: number;
                            /** @enum {string} */
                            result: "already-recorded";
                            sessionId: string;
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
                            sessionId: string;
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
    AttendanceController_history: {
        parameters: {
            query: {
                sessionId: string;
                traineeId: string;
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
    CourseRunsController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancellationDto"];
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
    CourseRunsController_complete: {
        parameters: {
            query?: never;
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
    AttendanceController_feedbackOf: {
        parameters: {
            query?: never;
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
    AttendanceController_feedback: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitFeedbackDto"];
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
    CourseRunsController_assignLecturer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LecturerDto"];
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
    CourseRunsController_reschedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunDatesDto"];
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
    AttendanceController_roster: {
        parameters: {
            query?: never;
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
    CourseRunsController_addSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SessionDto"];
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
    CourseRunsController_cancelSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancellationDto"];
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
    CourseRunsController_start: {
        parameters: {
            query?: never;
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
    AttendanceController_share: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                runId: string;
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
