// The Twitter card shows the same picture as the OpenGraph preview.
export { default, alt, size, contentType } from './opengraph-image';
