import { aws_iam as iam, Fn } from 'aws-cdk-lib';
import { arnPathPart } from './arns';
import { isToken } from './validation';

/**
 * The principals of an AWS Organizations organization, by its ARN
 * (`arn:aws:organizations::<management account>:organization/o-<id>`): `aws:PrincipalOrgID`.
 * Works on token ARNs.
 */
export function organizationPrincipal(organizationArn: string): iam.IPrincipal {
  return new iam.OrganizationPrincipal(arnPathPart(organizationArn, 1));
}

/**
 * The principals of the accounts anywhere under an organizational unit, by its ARN
 * (`arn:aws:organizations::<management account>:ou/o-<id>/ou-<id>`): their organization path
 * (`aws:PrincipalOrgPaths`) holds `<org>/.../<ou>/`. Works on token ARNs.
 */
export function organizationalUnitPrincipal(organizationalUnitArn: string): iam.IPrincipal {
  const path = isToken(organizationalUnitArn)
    ? Fn.join('/', [arnPathPart(organizationalUnitArn, 1), '*', arnPathPart(organizationalUnitArn, 2), '*'])
    : `${arnPathPart(organizationalUnitArn, 1)}/*/${arnPathPart(organizationalUnitArn, 2)}/*`;
  return new iam.PrincipalWithConditions(new iam.AnyPrincipal(), {
    'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': path },
  });
}
