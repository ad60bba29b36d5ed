export { SegmentHomePage } from './SegmentHomePage';
