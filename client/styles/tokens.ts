// The few tokens that code needs (a native Switch's colour, chart colours on a canvas): the values of
// tokens.scss, which stays the source (test/unit/client/style-tokens.test.tsx checks that they agree).
export const BRAND_COLOR = '#cc3c17'; // $color-brand
export const INFO_COLOR = '#2969cf'; // $color-info
export const SUCCESS_COLOR = '#187d52'; // $color-success
export const TEXT_MUTED_COLOR = '#666'; // $color-text-muted
