/** Notices 公告 published to estates, buildings or units, and who has read them (issue 6). */
export {};
