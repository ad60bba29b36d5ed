import { useSidebarOpenState } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  title: {
    color: theme.palette.navigation.color,
    padding: theme.spacing(1, 3, 0.5),
    letterSpacing: 1.2,
  },
}));

/** A caption above a group of sidebar items; the collapsed sidebar shows icons only, so it hides. */
export const SidebarSectionTitle = ({ title }: { title: string }) => {
  const classes = useStyles();
  const { isOpen } = useSidebarOpenState();
  if (!isOpen) return null;
  return (
    <Typography variant="overline" component="div" className={classes.title}>
      {title}
    </Typography>
  );
};
