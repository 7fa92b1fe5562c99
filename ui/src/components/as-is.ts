// No wrapper: what `<component :is>` renders when a layout needs none (the slot as it is).
import type { FunctionalComponent } from 'vue';

export const AsIs: FunctionalComponent = (_props, { slots }) => slots.default?.();
