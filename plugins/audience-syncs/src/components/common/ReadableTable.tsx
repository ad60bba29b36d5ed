import { makeStyles } from '@material-ui/core/styles';
import Table, { TableProps } from '@material-ui/core/Table';
import { ReactNode } from 'react';

const useStyles = makeStyles({
  table: {
    // Backstage's theme lets table cells break anywhere ("Mo|de", "Mirr|or"), which lets a crowded table
    // shrink its columns below their words. Cells wrap between words instead; only a word longer than its
    // whole column (an id, a URL) still breaks, because this wrapping does not count towards column widths.
    '& th, & td': { wordBreak: 'normal', overflowWrap: 'break-word' },
    '& th': { whiteSpace: 'nowrap' },
  },
});

/** A Material UI table whose cells never break a word to make a column narrower. */
export const ReadableTable = ({ className, ...props }: TableProps) => {
  const classes = useStyles();
  return (
    <Table
      {...props}
      className={className ? `${classes.table} ${className}` : classes.table}
    />
  );
};

/**
 * The same for the tables another component renders (`StructuredMetadataTable`): its cells, below this
 * wrapper, wrap between words only.
 */
export const ReadableCells = ({ children }: { children: ReactNode }) => {
  const classes = useStyles();
  return <div className={classes.table}>{children}</div>;
};
