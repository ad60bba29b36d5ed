export { MemberTimelineCard } from './MemberTimelineCard';
