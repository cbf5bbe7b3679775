/** Texts of recruitment: apply. English must have every key (the type checks it). */
export const zh = {} as const;

export const en: Record<keyof typeof zh, string> = {};
