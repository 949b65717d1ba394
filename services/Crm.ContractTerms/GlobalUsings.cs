global using Crm.Events;
global using Microsoft.EntityFrameworkCore;
