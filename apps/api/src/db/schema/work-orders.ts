/** Work orders 工单: repairs, complaints, paid services and internal jobs, their events, photos, surveys and notifications (issue 5). */
export {};
