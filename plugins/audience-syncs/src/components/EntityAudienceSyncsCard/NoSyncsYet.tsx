import Typography from '@material-ui/core/Typography';

const HINTS = {
  audience:
    "Use Create Sync to send this audience's members to an ad, CRM or email destination and keep them in sync.",
  destination:
    "Create a sync from an audience's page to send its members to this destination.",
};

/** What an audience's or destination's syncs show before there are any. */
export const NoSyncsYet = ({
  subject,
}: {
  subject: 'audience' | 'destination';
}) => (
  <>
    <Typography variant="h6" component="p">
      No syncs yet
    </Typography>
    <Typography variant="body2" color="textSecondary">
      {HINTS[subject]}
    </Typography>
  </>
);
