import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import { NavContentBlueprint } from '@backstage/plugin-app-react';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import MenuIcon from '@material-ui/icons/Menu';
import GroupWorkIcon from '@material-ui/icons/GroupWork';
import { SidebarLogo } from './SidebarLogo';
import { SidebarSectionTitle } from './SidebarSectionTitle';

export const SidebarContent = NavContentBlueprint.make({
  params: {
    component: ({ navItems }) => {
      const nav = navItems.withComponent(item => (
        <SidebarItem icon={() => item.icon} to={item.href} text={item.title} />
      ));

      // The notifications item shows the unread count, so it replaces the plain page link.
      nav.take('page:notifications');

      return (
        <Sidebar>
          <SidebarLogo />
          <SidebarGroup label="Menu" icon={<MenuIcon />}>
            {nav.take('page:catalog')}
            {nav.take('page:scaffolder')}
          </SidebarGroup>
          <SidebarDivider />
          <SidebarGroup label="Segment" icon={<GroupWorkIcon />}>
            <SidebarSectionTitle title="Segment" />
            {nav.take('page:audience-syncs/home')}
            {nav.take('page:audience-syncs')}
          </SidebarGroup>
          <SidebarDivider />
          <SidebarScrollWrapper>
            {nav.rest({ sortBy: 'title' })}
          </SidebarScrollWrapper>
          <SidebarSpace />
          <SidebarDivider />
          <NotificationsSidebarItem />
        </Sidebar>
      );
    },
  },
});
