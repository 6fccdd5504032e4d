export const noticesJa = {} as const;

export const noticesEn: Record<keyof typeof noticesJa, string> = {};
