// The core's length and range limits (src/limits.rs), from its generated copy: what a field's
// maxlength and the form's checks use, so they are the limits the core enforces.
import shared from '@/generated/ui-text.json';

export const limits = shared.limits;
