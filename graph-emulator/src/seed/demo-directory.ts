/** The demo CRM directory: companies and the people working there. Plain data; the dev host seeds the CRM from it. */

export interface DemoCompany {
  name: string;
  domain: string;
}

export interface DemoPerson {
  firstName: string;
  lastName: string;
  email: string;
  additionalEmails: string[];
  companyDomain: string;
  jobTitle: string;
  city: string;
}

export interface DemoDirectory {
  companies: readonly DemoCompany[];
  people: readonly DemoPerson[];
}

const COMPANIES: readonly DemoCompany[] = [
  { name: 'Contoso', domain: 'contoso.com' },
  { name: 'Fabrikam', domain: 'fabrikam.com' },
  { name: 'Northwind Traders', domain: 'northwindtraders.com' },
  { name: 'Adventure Works', domain: 'adventure-works.com' },
  { name: 'Tailspin Toys', domain: 'tailspintoys.com' },
  { name: 'Wide World Importers', domain: 'wideworldimporters.com' },
  { name: 'Woodgrove Bank', domain: 'woodgrovebank.com' },
  { name: 'Litware', domain: 'litwareinc.com' },
  { name: 'Proseware', domain: 'proseware.com' },
  { name: 'Fourth Coffee', domain: 'fourthcoffee.com' },
];

// [firstName, lastName, companyDomain, jobTitle, city, additionalEmails?]
type PersonRow = [string, string, string, string, string, string[]?];

const PEOPLE: readonly PersonRow[] = [
  ['Megan', 'Bowen', 'contoso.com', 'Marketing Manager', 'Seattle', ['megan@contoso.com']],
  ['Alex', 'Wilber', 'contoso.com', 'Marketing Assistant', 'Seattle', ['alex@contoso.com']],
  ['Diego', 'Siciliani', 'contoso.com', 'HR Manager', 'Redmond'],
  ['Isaiah', 'Langer', 'contoso.com', 'Sales Representative', 'Tulsa'],
  ['Johanna', 'Lorenz', 'contoso.com', 'Senior Engineer', 'Louisville'],
  ['Lee', 'Gu', 'fabrikam.com', 'Director', 'Atlanta', ['lee@fabrikam.com']],
  ['Lidia', 'Holloway', 'fabrikam.com', 'Product Manager', 'Atlanta'],
  ['Lynne', 'Robbins', 'fabrikam.com', 'Planner', 'Charlotte'],
  ['Miriam', 'Graham', 'fabrikam.com', 'Director of Sales', 'San Diego'],
  ['Nestor', 'Wilke', 'fabrikam.com', 'Operations Director', 'Seattle'],
  ['Patti', 'Fernandez', 'northwindtraders.com', 'President', 'London', ['patti.f@gmail.com']],
  ['Pradeep', 'Gupta', 'northwindtraders.com', 'Accountant', 'London'],
  ['Adele', 'Vance', 'northwindtraders.com', 'Retail Manager', 'Manchester'],
  ['Grady', 'Archie', 'northwindtraders.com', 'Designer', 'Bristol'],
  ['Henrietta', 'Mueller', 'northwindtraders.com', 'Developer', 'Leeds'],
  ['Irvin', 'Sayers', 'adventure-works.com', 'VP Sales', 'Denver'],
  ['Joni', 'Sherman', 'adventure-works.com', 'Paralegal', 'Denver'],
  ['Debra', 'Berger', 'adventure-works.com', 'Administrative Assistant', 'Boulder'],
  ['Allan', 'Deyoung', 'adventure-works.com', 'IT Admin', 'Denver'],
  ['Christie', 'Cline', 'adventure-works.com', 'Buyer', 'Colorado Springs'],
  ['Enrico', 'Cattaneo', 'tailspintoys.com', 'Attorney', 'Milan'],
  ['Nina', 'Petrova', 'tailspintoys.com', 'Head of Procurement', 'Milan'],
  ['Tomas', 'Novak', 'tailspintoys.com', 'Logistics Lead', 'Prague'],
  ['Sofia', 'Marin', 'tailspintoys.com', 'Marketing Lead', 'Madrid'],
  ['Kenji', 'Watanabe', 'tailspintoys.com', 'Product Designer', 'Osaka'],
  ['Amara', 'Okafor', 'wideworldimporters.com', 'Chief Operating Officer', 'Lagos', ['amara.okafor@outlook.com']],
  ['Lucas', 'Moreau', 'wideworldimporters.com', 'Customs Specialist', 'Marseille'],
  ['Hannah', 'Schmidt', 'wideworldimporters.com', 'Account Manager', 'Hamburg'],
  ['Ravi', 'Iyer', 'wideworldimporters.com', 'Data Analyst', 'Bangalore'],
  ['Chloe', 'Dubois', 'wideworldimporters.com', 'Buyer', 'Lyon'],
  ['Mateo', 'Alvarez', 'woodgrovebank.com', 'Relationship Manager', 'New York'],
  ['Grace', 'Kim', 'woodgrovebank.com', 'Compliance Officer', 'New York'],
  ['Oliver', 'Bennett', 'woodgrovebank.com', 'CFO', 'Boston', ['o.bennett@woodgrove.example']],
  ['Fatima', 'Haddad', 'woodgrovebank.com', 'Risk Analyst', 'Toronto'],
  ['Samuel', 'Osei', 'woodgrovebank.com', 'Branch Manager', 'Chicago'],
  ['Elena', 'Rossi', 'litwareinc.com', 'CEO', 'Rome'],
  ['Jonas', 'Berg', 'litwareinc.com', 'CTO', 'Oslo'],
  ['Mei', 'Chen', 'litwareinc.com', 'Engineering Manager', 'Singapore'],
  ['Arjun', 'Mehta', 'litwareinc.com', 'Solutions Architect', 'Pune'],
  ['Clara', 'Lindqvist', 'litwareinc.com', 'Customer Success Manager', 'Stockholm'],
  ['Daniel', 'Cohen', 'proseware.com', 'Founder', 'Tel Aviv'],
  ['Aisha', 'Rahman', 'proseware.com', 'Head of Sales', 'Dubai'],
  ['Pedro', 'Santos', 'proseware.com', 'Support Engineer', 'Lisbon'],
  ['Yuki', 'Tanaka', 'proseware.com', 'Product Owner', 'Tokyo'],
  ['Noah', 'Fischer', 'proseware.com', 'Sales Engineer', 'Zurich'],
  ['Olivia', 'Brown', 'fourthcoffee.com', 'Owner', 'Portland', ['olivia@fourthcoffee.net']],
  ['Ethan', 'Walker', 'fourthcoffee.com', 'Purchasing Manager', 'Portland'],
  ['Zoe', 'Martin', 'fourthcoffee.com', 'Barista Trainer', 'Vancouver'],
  ['Liam', "O'Connor", 'fourthcoffee.com', 'Regional Manager', 'Dublin'],
  ['Ava', 'Nguyen', 'fourthcoffee.com', 'Finance Manager', 'San Jose'],
];

function emailLocalPart(firstName: string, lastName: string): string {
  return `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
}

export const DEMO_DIRECTORY: DemoDirectory = {
  companies: COMPANIES,
  people: PEOPLE.map(([firstName, lastName, companyDomain, jobTitle, city, additionalEmails = []]) => ({
    firstName,
    lastName,
    email: `${emailLocalPart(firstName, lastName)}@${companyDomain}`,
    additionalEmails,
    companyDomain,
    jobTitle,
    city,
  })),
};
