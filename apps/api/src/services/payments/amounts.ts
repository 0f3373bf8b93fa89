/** Order amounts are decimal strings (numeric(14,2)); providers speak whole fen. One conversion, exact. */
import { fenToYuan, yuanToFen } from '../../payments/providers';

export const toFen = (amount: string): number => yuanToFen(amount);
export const toYuan = (fen: number): string => fenToYuan(fen);
